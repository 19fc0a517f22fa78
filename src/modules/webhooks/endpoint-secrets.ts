/**
 * Endpoint secrets at rest: AES-GCM under the master key with the endpoint id as associated data (a ciphertext
 * copied onto another endpoint does not decrypt). During a rotation grace period both secrets sign.
 */
import { decryptSecret, encryptSecret } from '../../signing/index.js';
import type { WebhookEndpoint } from './webhook.entity.js';

const aad = (endpointId: string) => `webhook-endpoint:${endpointId}`;

export function sealSecret(secret: string, endpointId: string, masterKey: Buffer): string {
  return encryptSecret(secret, masterKey, aad(endpointId));
}

/** The secrets a delivery is signed with right now: the current one, plus the previous one until its grace ends. */
export function activeSecrets(ep: WebhookEndpoint, masterKey: Buffer, now: Date): string[] {
  const secrets = [decryptSecret(ep.secret, masterKey, aad(ep.id))];
  if (ep.previousSecret && ep.previousSecretExpiresAt && ep.previousSecretExpiresAt > now) {
    secrets.push(decryptSecret(ep.previousSecret, masterKey, aad(ep.id)));
  }
  return secrets;
}
