import fs from 'node:fs';
import path from 'node:path';
import { SANDBOX_DIR } from '../sandboxInfo';

/**
 * The CRD manifests every sandbox kube-apiserver serves: the sandbox's own
 * (`kube/crds.yaml`) and the External Secrets Operator's, from the module its
 * controller is built from. There is no hand-written stand-in for ESO's: a
 * missing bundle is an error that says how to build it.
 */
export function crdFiles(): string[] {
  const eso = path.join(SANDBOX_DIR, '.bin', 'external-secrets-crds.yaml');
  if (!fs.existsSync(eso)) {
    throw new Error(
      `The External Secrets Operator CRDs are missing (${eso}): run bash packages/sandbox/scripts/build-external-secrets.sh`,
    );
  }
  return [path.join(SANDBOX_DIR, 'kube', 'crds.yaml'), eso];
}
