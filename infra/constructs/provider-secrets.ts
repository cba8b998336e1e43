import { SecretValue, Validations, type RemovalPolicy } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import type * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';
import { UNSET_KEY_VALUE } from '../../lambdas/runtime/deployed-names';

export type ProviderKey = 'assemblyAi' | 'openAi' | 'transcription';

const PROVIDER_KEYS: Record<ProviderKey, { readonly environmentName: string; readonly description: string }> = {
  assemblyAi: {
    environmentName: 'ASSEMBLYAI_SECRET_ARN',
    description: `Lecture Notes: the AssemblyAI API key. Set it to accept audio uploads; "${UNSET_KEY_VALUE}" means none.`,
  },
  transcription: {
    environmentName: 'TRANSCRIPTION_SECRET_ARN',
    description: `Lecture Notes: the API key of the speech-to-text server (TRANSCRIPTION_PROVIDER=openai), if it wants one; "${UNSET_KEY_VALUE}" means none.`,
  },
  openAi: {
    environmentName: 'OPENAI_SECRET_ARN',
    description: `Lecture Notes: the OpenAI API key. Set it to have OpenAI write the notes; "${UNSET_KEY_VALUE}" means none (the offline engine writes them).`,
  },
};

export interface ProviderSecretsProps {
  readonly removalPolicy: RemovalPolicy;
}

/**
 * The providers' API keys, in Secrets Manager. The stack creates each secret holding a placeholder,
 * never a key: CloudFormation writes that value only when it creates the secret, so a key set
 * later with `aws secretsmanager put-secret-value` survives every deployment.
 */
export class ProviderSecrets extends Construct {
  public readonly secrets: Record<ProviderKey, secretsmanager.Secret>;

  constructor(scope: Construct, id: string, props: ProviderSecretsProps) {
    super(scope, id);
    const secret = (key: ProviderKey, id: string) => {
      const created = new secretsmanager.Secret(this, id, {
        description: PROVIDER_KEYS[key].description,
        secretStringValue: SecretValue.unsafePlainText(UNSET_KEY_VALUE),
        removalPolicy: props.removalPolicy,
      });
      Validations.of(created).acknowledge({
        id: 'AwsSolutions-SMG4',
        reason: `An API key issued in the provider's own console: no rotation function can create a new one, so it is rotated by hand (put-secret-value) and the functions pick it up within 5 minutes.`,
      });
      return created;
    };
    this.secrets = {
      assemblyAi: secret('assemblyAi', 'AssemblyAiApiKey'),
      openAi: secret('openAi', 'OpenAiApiKey'),
      transcription: secret('transcription', 'TranscriptionApiKey'),
    };
  }

  /** Gives `fn` the secret's ARN in its environment and the right to read that secret, and no other. */
  grantRead(fn: lambda.Function, key: ProviderKey): void {
    const secret = this.secrets[key];
    fn.addEnvironment(PROVIDER_KEYS[key].environmentName, secret.secretArn);
    fn.addToRolePolicy(new iam.PolicyStatement({ actions: ['secretsmanager:GetSecretValue'], resources: [secret.secretArn] }));
  }
}
