/** The pod sandbox id the runtime passes as CNI_CONTAINERID: 64 hex digits, stable for a pod uid. */
import { sha1Hex } from './hash';

/** CNI_CONTAINERID of a pod's sandbox. */
export function sandboxId(uid: string): string {
  return (sha1Hex(`sandbox/${uid}`) + sha1Hex(`sandbox/${uid}/2`)).slice(0, 64);
}
