import { CloudFormationClient, DescribeStacksCommand } from '@aws-sdk/client-cloudformation';
import { SignInError } from './sign-in-errors';

/* What the CLI needs of a deployed stack, read from its outputs (LectureNotesStack writes them). */

export interface DeployedStack {
  stackName: string;
  apiUrl: string;
  userPoolId: string;
  clientId: string;
}

const OUTPUTS = { apiUrl: 'ApiUrl', userPoolId: 'UserPoolId', clientId: 'UserPoolClientId' } as const;

/** Reads `stackName`'s outputs with the caller's AWS credentials (any that may cloudformation:DescribeStacks). */
export async function readDeployedStack(stackName: string, cloudFormation: CloudFormationClient): Promise<DeployedStack> {
  const region = await cloudFormation.config.region().catch(() => undefined);
  let outputs: Map<string, string>;
  try {
    const { Stacks } = await cloudFormation.send(new DescribeStacksCommand({ StackName: stackName }));
    outputs = new Map((Stacks?.[0]?.Outputs ?? []).map((output) => [output.OutputKey ?? '', output.OutputValue ?? '']));
  } catch (error) {
    throw stackFailure(error, stackName, region);
  }
  const read = (key: string) => {
    const value = outputs.get(key);
    if (!value) throw new SignInError(`The stack ${stackName} has no ${key} output. Deploy this version of the stack (npm run deploy), which writes it.`);
    return value;
  };
  return { stackName, apiUrl: read(OUTPUTS.apiUrl), userPoolId: read(OUTPUTS.userPoolId), clientId: read(OUTPUTS.clientId) };
}

function stackFailure(error: unknown, stackName: string, region: string | undefined): SignInError {
  const name = error instanceof Error ? error.name : '';
  const message = error instanceof Error ? error.message : String(error);
  const where = region ? `in ${region}` : 'in the configured region';
  if (name === 'ValidationError' && /does not exist/i.test(message)) {
    return new SignInError(`There is no stack ${stackName} ${where}. Check the name (npx cdk list shows them) and the region (--region or AWS_REGION).`, name);
  }
  if (name === 'CredentialsProviderError' || /credential/i.test(message)) {
    return new SignInError(
      `Reading the stack ${stackName} needs AWS credentials (aws configure, AWS_PROFILE or aws sso login). Without them, give --api, --user-pool-id and --client-id: the stack's ApiUrl, UserPoolId and UserPoolClientId outputs.`,
      name,
    );
  }
  if (/region/i.test(message) && !region) return new SignInError(`Which region is ${stackName} in? Give --region or set AWS_REGION.`, name);
  return new SignInError(`Could not read the stack ${stackName} ${where}: ${message}`, name);
}
