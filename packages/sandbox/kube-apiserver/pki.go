package main

import (
	"bufio"
	"crypto"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/rsa"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/csv"
	"encoding/pem"
	"errors"
	"fmt"
	"math/big"
	"net"
	"os"
	"path/filepath"
	"strings"
	"time"
)

type pkiFiles struct {
	caFile, certFile, keyFile, saKeyFile string
}

var servingIPs = []net.IP{net.ParseIP("127.0.0.1"), net.ParseIP("::1"), net.ParseIP("10.0.0.1")}
var servingDNS = []string{
	"localhost", "kubernetes", "kubernetes.default", "kubernetes.default.svc",
	"kubernetes.default.svc.cluster.local",
}

// ensurePKI creates (once) a CA, a serving certificate signed by it and a
// service-account signing key under the state dir. Existing files are reused
// while the serving certificate still verifies against the CA.
func ensurePKI(state string) (pkiFiles, error) {
	p := pkiFiles{
		caFile:    filepath.Join(state, "ca.crt"),
		certFile:  filepath.Join(state, "certs", "apiserver.crt"),
		keyFile:   filepath.Join(state, "certs", "apiserver.key"),
		saKeyFile: filepath.Join(state, "sa.key"),
	}
	caKeyFile := filepath.Join(state, "ca.key")

	if !servingCertValid(p.caFile, p.certFile, p.keyFile) {
		if err := writeCA(p.caFile, caKeyFile, p.certFile, p.keyFile); err != nil {
			return p, err
		}
	}
	if _, err := os.Stat(p.saKeyFile); errors.Is(err, os.ErrNotExist) {
		key, err := rsa.GenerateKey(rand.Reader, 2048)
		if err != nil {
			return p, err
		}
		if err := writePEM(p.saKeyFile, "RSA PRIVATE KEY", x509.MarshalPKCS1PrivateKey(key), 0o600); err != nil {
			return p, err
		}
	} else if err != nil {
		return p, err
	}
	return p, nil
}

func servingCertValid(caFile, certFile, keyFile string) bool {
	caPEM, err1 := os.ReadFile(caFile)
	certPEM, err2 := os.ReadFile(certFile)
	_, err3 := os.Stat(keyFile)
	if err1 != nil || err2 != nil || err3 != nil {
		return false
	}
	pool := x509.NewCertPool()
	if !pool.AppendCertsFromPEM(caPEM) {
		return false
	}
	block, _ := pem.Decode(certPEM)
	if block == nil {
		return false
	}
	cert, err := x509.ParseCertificate(block.Bytes)
	if err != nil {
		return false
	}
	_, err = cert.Verify(x509.VerifyOptions{
		Roots:       pool,
		DNSName:     "127.0.0.1",
		CurrentTime: time.Now().Add(24 * time.Hour),
		KeyUsages:   []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
	})
	return err == nil
}

func writeCA(caFile, caKeyFile, certFile, keyFile string) error {
	now := time.Now().Add(-time.Hour)
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	caTmpl := &x509.Certificate{
		SerialNumber:          randomSerial(),
		Subject:               pkix.Name{CommonName: "secrets-sync-sandbox-ca"},
		NotBefore:             now,
		NotAfter:              now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:              x509.KeyUsageCertSign | x509.KeyUsageDigitalSignature | x509.KeyUsageCRLSign,
		BasicConstraintsValid: true,
		IsCA:                  true,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, caKey.Public(), caKey)
	if err != nil {
		return err
	}
	caCert, err := x509.ParseCertificate(caDER)
	if err != nil {
		return err
	}

	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return err
	}
	tmpl := &x509.Certificate{
		SerialNumber: randomSerial(),
		Subject:      pkix.Name{CommonName: "kube-apiserver"},
		NotBefore:    now,
		NotAfter:     now.Add(10 * 365 * 24 * time.Hour),
		KeyUsage:     x509.KeyUsageDigitalSignature,
		ExtKeyUsage:  []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IPAddresses:  servingIPs,
		DNSNames:     servingDNS,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, caCert, key.Public(), caKey)
	if err != nil {
		return err
	}

	caKeyDER, err := marshalKey(caKey)
	if err != nil {
		return err
	}
	keyDER, err := marshalKey(key)
	if err != nil {
		return err
	}
	if err := writePEM(caKeyFile, "PRIVATE KEY", caKeyDER, 0o600); err != nil {
		return err
	}
	if err := writePEM(keyFile, "PRIVATE KEY", keyDER, 0o600); err != nil {
		return err
	}
	if err := writePEM(certFile, "CERTIFICATE", der, 0o644); err != nil {
		return err
	}
	return writePEM(caFile, "CERTIFICATE", caDER, 0o644)
}

func marshalKey(k crypto.Signer) ([]byte, error) { return x509.MarshalPKCS8PrivateKey(k) }

func randomSerial() *big.Int {
	n, err := rand.Int(rand.Reader, new(big.Int).Lsh(big.NewInt(1), 62))
	if err != nil {
		panic(err)
	}
	return n
}

func writePEM(path, typ string, der []byte, mode os.FileMode) error {
	tmp := path + ".tmp"
	if err := os.WriteFile(tmp, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), mode); err != nil {
		return err
	}
	return os.Rename(tmp, path)
}

// writeAdminKubeconfig writes <state>/admin.kubeconfig for the first token
// of the token file whose groups include system:masters.
func writeAdminKubeconfig(state string, port int, tokenFile, caFile string) error {
	f, err := os.Open(tokenFile)
	if err != nil {
		return err
	}
	defer f.Close()
	r := csv.NewReader(bufio.NewReader(f))
	r.FieldsPerRecord = -1
	r.Comment = '#'
	token := ""
	for {
		rec, err := r.Read()
		if err != nil {
			break
		}
		if len(rec) >= 4 {
			for _, g := range strings.Split(rec[3], ",") {
				if strings.TrimSpace(g) == "system:masters" {
					token = strings.TrimSpace(rec[0])
				}
			}
		}
		if token != "" {
			break
		}
	}
	if token == "" {
		return fmt.Errorf("no system:masters token in %s", tokenFile)
	}
	cfg := fmt.Sprintf(`apiVersion: v1
kind: Config
clusters:
- name: sandbox
  cluster:
    server: https://127.0.0.1:%d
    certificate-authority: %s
users:
- name: sandbox-admin
  user:
    token: %s
contexts:
- name: sandbox
  context:
    cluster: sandbox
    user: sandbox-admin
current-context: sandbox
`, port, caFile, token)
	return os.WriteFile(filepath.Join(state, "admin.kubeconfig"), []byte(cfg), 0o600)
}
