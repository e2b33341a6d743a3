import { sign, verify, type KeyObject } from 'node:crypto';
import { canonicalJson } from './canonical-json.js';
import { SIGNED_CONTENT, type Manifest } from './manifest.js';

/** The bytes a manifest's signature covers: the manifest without `signature`, in canonical JSON. */
export function signedBytes(manifest: object): Buffer {
  const { signature: _signature, ...unsigned } = manifest as { signature?: unknown };
  return Buffer.from(canonicalJson(unsigned), 'utf8');
}

export function signManifest(manifest: Manifest, privateKey: KeyObject): Manifest {
  // Ed25519 hashes internally (PureEdDSA): the algorithm argument must be null.
  const value = sign(null, signedBytes(manifest), privateKey).toString('base64');
  return { ...manifest, signature: { algorithm: 'Ed25519', signedContent: SIGNED_CONTENT, value } };
}

/** True when `signature` (base64) is `publicKey`'s signature of the manifest as parsed from its file. */
export function verifyManifestSignature(manifest: object, signatureBase64: string, publicKey: KeyObject): boolean {
  const signature = Buffer.from(signatureBase64, 'base64');
  if (signature.length !== 64) return false;
  return verify(null, signedBytes(manifest), publicKey, signature);
}
