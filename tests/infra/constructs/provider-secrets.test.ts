import { Match } from 'aws-cdk-lib/assertions';
import { describe, it } from 'vitest';
import { synthesizeStack } from '../lecture-notes-app';

const { template } = synthesizeStack('dev');

describe('provider keys', () => {
  it('live in Secrets Manager holding a placeholder, never a key, their names an output', () => {
    template.resourceCountIs('AWS::SecretsManager::Secret', 3);
    template.allResourcesProperties('AWS::SecretsManager::Secret', { SecretString: 'placeholder' });
    for (const output of ['AssemblyAiKeySecretName', 'OpenAiKeySecretName', 'TranscriptionKeySecretName']) template.hasOutput(output, { Value: Match.anyValue() });
  });
});
