// Command kube-controller-manager is the real k8s.io/kubernetes
// kube-controller-manager, built from the same module version as the sandbox
// kube-apiserver so tests can run the controllers they need against it.
//
// It is meant for local development and tests only. Tests start it with
// the controllers they exercise and nothing else, for example:
//
//	kube-controller-manager --kubeconfig STATE_DIR/admin.kubeconfig \
//	  --controllers=deployment,replicaset --leader-elect=false \
//	  --use-service-account-credentials=false --secure-port=0
package main

import (
	"os"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	"k8s.io/kubernetes/cmd/kube-controller-manager/app"
)

func main() {
	os.Exit(cli.Run(app.NewControllerManagerCommand()))
}
