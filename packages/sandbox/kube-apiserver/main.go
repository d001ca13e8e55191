// Command kube-apiserver is a local sandbox Kubernetes API server: the real
// k8s.io/kubernetes kube-apiserver with an embedded etcd, in one binary.
//
// It is meant for local development and tests only (no controllers, no
// kubelet, static bearer tokens). Usage:
//
//	kube-apiserver --state-dir DIR [--port 6443] --token-file tokens.csv [-- extra apiserver flags]
//
// Files written under the state dir:
//
//	etcd/                          embedded etcd data (fsync disabled)
//	ca.crt, ca.key                 CA that signed the serving certificate (clients use ca.crt)
//	certs/apiserver.crt, .key      serving certificate for 127.0.0.1 / localhost
//	sa.key                         service-account signing key (RSA)
//	admin.kubeconfig               kubeconfig with the first system:masters token of --token-file
//
// SIGTERM / SIGINT shut the apiserver down gracefully, then etcd.
package main

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"net"
	"net/url"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"syscall"
	"time"

	"go.etcd.io/etcd/server/v3/embed"

	"k8s.io/component-base/cli"
	_ "k8s.io/component-base/logs/json/register"
	_ "k8s.io/component-base/metrics/prometheus/clientgo"
	_ "k8s.io/component-base/metrics/prometheus/version"
	"k8s.io/kubernetes/cmd/kube-apiserver/app"
)

func main() {
	os.Exit(run())
}

func run() int {
	fs := flag.NewFlagSet("kube-apiserver", flag.ContinueOnError)
	stateDir := fs.String("state-dir", "", "directory for etcd data, certificates and keys (required)")
	port := fs.Int("port", 6443, "secure port of the API server on 127.0.0.1")
	tokenFile := fs.String("token-file", "", "static token file (token,user,uid,\"group1,group2\") (required)")
	etcdPort := fs.Int("etcd-port", 0, "client port of the embedded etcd on 127.0.0.1 (0: pick a free port)")
	etcdLogLevel := fs.String("etcd-log-level", "error", "log level of the embedded etcd")
	fs.Usage = func() {
		fmt.Fprintf(fs.Output(), "Usage: %s --state-dir DIR --token-file FILE [--port N] [--etcd-port N] [-- kube-apiserver flags...]\n", os.Args[0])
		fs.PrintDefaults()
	}
	if err := fs.Parse(os.Args[1:]); err != nil {
		if err == flag.ErrHelp {
			return 0
		}
		return 2
	}
	extra := fs.Args() // everything after "--" (or after the first non-flag argument)

	// "-- --version" / "-- --help": no etcd, no state needed.
	for _, a := range extra {
		if a == "--version" || strings.HasPrefix(a, "--version=") || a == "--help" || a == "-h" {
			cmd := app.NewAPIServerCommand()
			cmd.SetArgs(extra)
			return cli.Run(cmd)
		}
	}

	if *stateDir == "" || *tokenFile == "" {
		fmt.Fprintln(os.Stderr, "error: --state-dir and --token-file are required")
		fs.Usage()
		return 2
	}
	state, err := filepath.Abs(*stateDir)
	if err != nil {
		return fail(err)
	}
	tokens, err := filepath.Abs(*tokenFile)
	if err != nil {
		return fail(err)
	}
	if _, err := os.Stat(tokens); err != nil {
		return fail(fmt.Errorf("token file: %w", err))
	}
	if err := os.MkdirAll(filepath.Join(state, "certs"), 0o700); err != nil {
		return fail(err)
	}
	lock, err := lockStateDir(state)
	if err != nil {
		return fail(err)
	}
	defer lock.Close()

	pki, err := ensurePKI(state)
	if err != nil {
		return fail(fmt.Errorf("certificates: %w", err))
	}
	if err := writeAdminKubeconfig(state, *port, tokens, pki.caFile); err != nil {
		fmt.Fprintf(os.Stderr, "warning: admin.kubeconfig not written: %v\n", err)
	}

	// Creating the command installs the SIGTERM/SIGINT handler
	// (genericapiserver.SetupSignalContext); its context is cancelled on the
	// first signal, a second signal exits immediately.
	cmd := app.NewAPIServerCommand()
	ctx := cmd.Context()

	etcd, etcdURL, err := startEtcd(ctx, state, *etcdPort, *etcdLogLevel)
	if err != nil {
		return fail(fmt.Errorf("etcd: %w", err))
	}
	defer func() {
		etcdShuttingDown.Store(true)
		etcd.Close()
		fmt.Fprintln(os.Stderr, "embedded etcd stopped")
	}()
	if ctx.Err() != nil {
		return 0
	}
	go func() {
		// A fatal etcd error makes the apiserver useless: report it and let
		// the apiserver fail its health checks / exit on its own.
		if err, ok := <-etcd.Err(); ok && err != nil {
			fmt.Fprintf(os.Stderr, "embedded etcd error: %v\n", err)
		}
	}()

	args := []string{
		"--bind-address=127.0.0.1",
		"--advertise-address=127.0.0.1",
		"--secure-port=" + strconv.Itoa(*port),
		"--cert-dir=" + filepath.Join(state, "certs"),
		"--tls-cert-file=" + pki.certFile,
		"--tls-private-key-file=" + pki.keyFile,
		"--client-ca-file=" + pki.caFile,
		"--service-cluster-ip-range=10.0.0.0/24",
		"--etcd-servers=" + etcdURL,
		"--service-account-issuer=https://kubernetes.default.svc",
		"--service-account-key-file=" + pki.saKeyFile,
		"--service-account-signing-key-file=" + pki.saKeyFile,
		"--token-auth-file=" + tokens,
		"--authorization-mode=RBAC",
		"--allow-privileged=true",
		// No controller-manager: nothing creates the "default" ServiceAccount,
		// so the ServiceAccount admission plugin would reject every Pod.
		"--disable-admission-plugins=ServiceAccount",
		// The "kubernetes" Service cannot get loopback endpoints (validation
		// rejects 127.0.0.0/8), the reconciler would log an error every 10s.
		"--endpoint-reconciler-type=none",
		// Reads go straight to the embedded etcd. With the watch cache on,
		// LISTs of a custom resource answer 429 "storage is (re)initializing"
		// for ~100ms after its CRD becomes Established (and after a restart),
		// which clients without 429 retries (e.g. @kubernetes/client-node)
		// turn into flaky tests. Override with "-- --watch-cache=true".
		"--watch-cache=false",
		"--enable-priority-and-fairness=false",
		"--profiling=false",
	}
	args = append(args, extra...)
	cmd.SetArgs(args)

	code := cli.Run(cmd)
	fmt.Fprintf(os.Stderr, "kube-apiserver exited with code %d\n", code)
	return code
}

func fail(err error) int {
	fmt.Fprintf(os.Stderr, "error: %v\n", err)
	return 1
}

func freePort() (int, error) {
	l, err := net.Listen("tcp", "127.0.0.1:0")
	if err != nil {
		return 0, err
	}
	defer l.Close()
	return l.Addr().(*net.TCPAddr).Port, nil
}

// startEtcd starts the embedded etcd. Ports it picks itself are only free
// when picked: another process (any outgoing connection takes an ephemeral
// port) can bind one before etcd does, so a bind conflict on a picked port is
// retried with fresh ports rather than failing the whole sandbox start.
func startEtcd(ctx context.Context, state string, clientPort int, logLevel string) (*embed.Etcd, string, error) {
	const attempts = 5
	for attempt := 1; ; attempt++ {
		e, url, err := startEtcdOnce(ctx, state, clientPort, logLevel)
		if err == nil || !isAddressInUse(err) || attempt == attempts {
			return e, url, err
		}
		fmt.Fprintf(os.Stderr, "embedded etcd: %v; retrying with other ports (%d/%d)\n", err, attempt, attempts-1)
	}
}

// isAddressInUse tells a bind conflict; etcd does not always keep the
// syscall error in its chain, so its message counts too.
func isAddressInUse(err error) bool {
	return errors.Is(err, syscall.EADDRINUSE) || strings.Contains(err.Error(), "address already in use")
}

func startEtcdOnce(ctx context.Context, state string, fixedClientPort int, logLevel string) (*embed.Etcd, string, error) {
	clientPort, peerPort := fixedClientPort, 0
	var err error
	if clientPort == 0 {
		if clientPort, err = freePort(); err != nil {
			return nil, "", err
		}
	}
	for peerPort == 0 || peerPort == clientPort {
		if peerPort, err = freePort(); err != nil {
			return nil, "", err
		}
	}
	clientURL := url.URL{Scheme: "http", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(clientPort))}
	peerURL := url.URL{Scheme: "http", Host: net.JoinHostPort("127.0.0.1", strconv.Itoa(peerPort))}

	cfg := embed.NewConfig()
	cfg.Name = "sandbox"
	cfg.Dir = filepath.Join(state, "etcd")
	cfg.UnsafeNoFsync = true
	cfg.ListenClientUrls = []url.URL{clientURL}
	cfg.AdvertiseClientUrls = []url.URL{clientURL}
	cfg.ListenPeerUrls = []url.URL{peerURL}
	cfg.AdvertisePeerUrls = []url.URL{peerURL}
	cfg.InitialCluster = cfg.Name + "=" + peerURL.String()
	lg, err := newEtcdLogger(logLevel)
	if err != nil {
		return nil, "", fmt.Errorf("--etcd-log-level: %w", err)
	}
	cfg.Logger = "zap"
	cfg.LogLevel = logLevel
	cfg.LogOutputs = []string{"stderr"}
	cfg.ZapLoggerBuilder = embed.NewZapLoggerBuilder(lg)

	e, err := embed.StartEtcd(cfg)
	if err != nil {
		return nil, "", err
	}
	select {
	case <-e.Server.ReadyNotify():
		fmt.Fprintf(os.Stderr, "embedded etcd ready at %s (data %s)\n", clientURL.String(), cfg.Dir)
		return e, clientURL.String(), nil
	case err := <-e.Err():
		e.Close()
		return nil, "", err
	case <-time.After(60 * time.Second):
		e.Server.Stop()
		e.Close()
		return nil, "", fmt.Errorf("not ready after 60s")
	case <-ctx.Done():
		// Signal received while etcd was starting: caller exits.
		return e, clientURL.String(), nil
	}
}
