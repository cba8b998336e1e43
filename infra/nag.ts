import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/**
 * A CloudFormation value as one string, as cdk-nag names each wildcard resource of a policy in the
 * id of its finding: {Ref: X} and Fn::Sub's ${X} become <X>, {Fn::GetAtt: [Id, Attr]} becomes
 * <Id.Attr>, and a Fn::Join is joined. Other text is kept as it is (cdk-nag also turns a lone "}"
 * into ">", which no resource name holds), so a JSON document built with Fn::Join flattens to JSON.
 */
export function flattenIntrinsics(node: unknown): string {
  if (typeof node === 'string') return node.replace(/\$\{([^}]*)\}/g, '<$1>');
  if (node && typeof node === 'object') {
    const intrinsic = node as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]]; 'Fn::Sub'?: string };
    if (intrinsic.Ref) return `<${intrinsic.Ref}>`;
    if (intrinsic['Fn::GetAtt']) return `<${intrinsic['Fn::GetAtt'].join('.')}>`;
    if (intrinsic['Fn::Join']) return intrinsic['Fn::Join'][1].map(flattenIntrinsics).join(intrinsic['Fn::Join'][0]);
    if (typeof intrinsic['Fn::Sub'] === 'string') return flattenIntrinsics(intrinsic['Fn::Sub']);
  }
  throw new Error(`Cannot flatten ${JSON.stringify(node)} as cdk-nag does: it is built from strings, Ref, Fn::GetAtt, Fn::Join and Fn::Sub only.`);
}

/** Acknowledges one wildcard resource in the policies under `scope` (AwsSolutions-IAM5), and no other: acknowledging exactly one resource takes exactly its flattened name. */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flattenIntrinsics(Stack.of(scope).resolve(resource))}]`, reason });
}
