// Command external-secrets is the External Secrets Operator's controller,
// built unchanged from its published module: the sandbox runs it out of
// cluster, one process per kube-apiserver (scripts/start-external-secrets.sh).
package main

import "github.com/external-secrets/external-secrets/cmd/controller"

func main() {
	controller.Execute()
}
