import { Stack, Validations } from 'aws-cdk-lib';
import type { IConstruct } from 'constructs';

/* cdk-nag names each wildcard resource of a policy in the id of its finding, with the CloudFormation
   intrinsics flattened: {Ref: X} and Fn::Sub's ${X} become <X>, {Fn::GetAtt: [Id, Attr]} becomes
   <Id.Attr>, and a Fn::Join is joined. Acknowledging exactly one resource takes exactly that id. */
function flattened(node: unknown): string {
  if (typeof node === 'string') return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  if (node && typeof node === 'object') {
    const intrinsic = node as { Ref?: string; 'Fn::GetAtt'?: [string, string]; 'Fn::Join'?: [string, unknown[]]; 'Fn::Sub'?: string };
    if (intrinsic.Ref) return `<${intrinsic.Ref}>`;
    if (intrinsic['Fn::GetAtt']) return `<${intrinsic['Fn::GetAtt'].join('.')}>`;
    if (intrinsic['Fn::Join']) return intrinsic['Fn::Join'][1].map(flattened).join(intrinsic['Fn::Join'][0]);
    if (typeof intrinsic['Fn::Sub'] === 'string') return flattened(intrinsic['Fn::Sub']);
  }
  throw new Error(`Cannot name ${JSON.stringify(node)} as cdk-nag does: acknowledge a resource built from strings, Ref, Fn::GetAtt, Fn::Join and Fn::Sub.`);
}

/** Acknowledges one wildcard resource in the policies under `scope` (AwsSolutions-IAM5), and no other. */
export function acknowledgeWildcardResource(scope: IConstruct, resource: string, reason: string): void {
  Validations.of(scope).acknowledge({ id: `AwsSolutions-IAM5[Resource::${flattened(Stack.of(scope).resolve(resource))}]`, reason });
}
