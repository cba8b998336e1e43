import { Validations } from 'aws-cdk-lib';
import * as cognito from 'aws-cdk-lib/aws-cognito';
import { Construct } from 'constructs';
import type { StageSettings } from '../stage';

export interface UserDirectoryProps {
  readonly stage: StageSettings;
  /**
   * The hosted sign-in's domain prefix (https://{prefix}.auth.{region}.amazoncognito.com): unique
   * in the region across all accounts, and without "aws", "amazon" or "cognito".
   */
  readonly domainPrefix: string;
}

/** Who may use the product: a Cognito user pool with its hosted sign-in, and the web client's app client. */
export class UserDirectory extends Construct {
  public readonly userPool: cognito.UserPool;
  public readonly domain: cognito.UserPoolDomain;

  constructor(scope: Construct, id: string, props: UserDirectoryProps) {
    super(scope, id);
    this.userPool = new cognito.UserPool(this, 'UserPool', {
      selfSignUpEnabled: true,
      signInAliases: { email: true },
      autoVerify: { email: true },
      passwordPolicy: { minLength: 12, requireDigits: true, requireLowercase: true, requireUppercase: true, requireSymbols: false },
      accountRecovery: cognito.AccountRecovery.EMAIL_ONLY,
      removalPolicy: props.stage.removalPolicy,
    });
    this.domain = this.userPool.addDomain('SignIn', { cognitoDomain: { domainPrefix: props.domainPrefix } });
    Validations.of(this.userPool).acknowledge(
      {
        id: 'AwsSolutions-COG1',
        reason: 'Passwords need 12 characters with upper case, lower case and digits; a required symbol adds little over the length (NIST SP 800-63B advises against composition rules).',
      },
      {
        id: 'AwsSolutions-COG2',
        reason: 'Students sign up themselves to turn their own lectures into notes; required MFA would keep many out, and an account holds nothing but its own jobs.',
      },
      {
        id: 'AwsSolutions-COG8',
        reason:
          'The Essentials plan (free up to 10,000 monthly active users) has all the hosted sign-in needs; Plus adds threat protection, billed per user, ' +
          'which self sign-up with a verified e-mail and accounts holding only their own jobs do not justify.',
      },
    );
  }

  /**
   * The web client's app client: Cognito's hosted sign-in, authorization code grant (with PKCE,
   * as the public client it is) and the scopes the page asks for; back to `webUrl` only. The CLI
   * signs in with it too, by SRP, and refreshes its tokens (CDK adds ALLOW_REFRESH_TOKEN_AUTH).
   */
  addWebClient(webUrl: string): cognito.UserPoolClient {
    return this.userPool.addClient('WebClient', {
      authFlows: { userSrp: true },
      preventUserExistenceErrors: true,
      supportedIdentityProviders: [cognito.UserPoolClientIdentityProvider.COGNITO],
      oAuth: {
        flows: { authorizationCodeGrant: true },
        scopes: [cognito.OAuthScope.OPENID, cognito.OAuthScope.EMAIL, cognito.OAuthScope.PROFILE],
        callbackUrls: [webUrl],
        logoutUrls: [webUrl],
      },
    });
  }
}
