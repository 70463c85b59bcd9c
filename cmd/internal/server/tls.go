package server

import (
	"bytes"
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"errors"
	"fmt"
	"math/big"
	"os"
	"time"
)

// transport is the TLS setup of a server: what its listeners present and
// what the gateway, dialling gRPC as a client, uses.
type transport struct {
	server  *tls.Config // nil without TLS
	gateway *tls.Config
}

// newTransport loads the certificate and, for mutual TLS, the client CAs.
//
// The gateway trusts exactly the server's own certificate (pinned, so the
// listen address need not match a name in it). Under mutual TLS it
// presents a certificate from a CA made in memory at start-up, which the
// server trusts besides the configured client CAs; the key never leaves
// the process.
func newTransport(sec SecurityConfig) (*transport, error) {
	if !sec.TLS() {
		return &transport{}, nil
	}
	cert, err := tls.LoadX509KeyPair(sec.CertFile, sec.KeyFile)
	if err != nil {
		return nil, fmt.Errorf("tls: %w", err)
	}
	srv := &tls.Config{Certificates: []tls.Certificate{cert}, MinVersion: tls.VersionTLS12}
	own := cert.Certificate[0]
	gw := &tls.Config{
		MinVersion: tls.VersionTLS12,
		// Verification is the pin below, not the chain and host name.
		InsecureSkipVerify: true,
		VerifyConnection: func(cs tls.ConnectionState) error {
			if len(cs.PeerCertificates) == 0 || !bytes.Equal(cs.PeerCertificates[0].Raw, own) {
				return errors.New("gateway: the gRPC listener does not present this server's certificate")
			}
			return nil
		},
	}
	if sec.ClientCAFile != "" {
		pem, err := os.ReadFile(sec.ClientCAFile)
		if err != nil {
			return nil, fmt.Errorf("tls client CA: %w", err)
		}
		pool := x509.NewCertPool()
		if !pool.AppendCertsFromPEM(pem) {
			return nil, fmt.Errorf("tls client CA: %s holds no PEM certificate", sec.ClientCAFile)
		}
		ca, client, err := ephemeralClientCert()
		if err != nil {
			return nil, fmt.Errorf("tls: gateway client certificate: %w", err)
		}
		pool.AddCert(ca)
		srv.ClientCAs = pool
		srv.ClientAuth = tls.RequireAndVerifyClientCert
		gw.Certificates = []tls.Certificate{client}
	}
	return &transport{server: srv, gateway: gw}, nil
}

// ephemeralClientCert makes a CA and a client certificate it signed, both
// living only in memory.
func ephemeralClientCert() (*x509.Certificate, tls.Certificate, error) {
	now := time.Now()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, tls.Certificate{}, err
	}
	caTmpl := &x509.Certificate{
		SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "concord gateway CA (ephemeral)"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(10, 0, 0),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign,
	}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	if err != nil {
		return nil, tls.Certificate{}, err
	}
	ca, err := x509.ParseCertificate(caDER)
	if err != nil {
		return nil, tls.Certificate{}, err
	}
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		return nil, tls.Certificate{}, err
	}
	tmpl := &x509.Certificate{
		SerialNumber: big.NewInt(2), Subject: pkix.Name{CommonName: "concord gateway"},
		NotBefore: now.Add(-time.Hour), NotAfter: now.AddDate(10, 0, 0),
		KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{x509.ExtKeyUsageClientAuth},
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
	if err != nil {
		return nil, tls.Certificate{}, err
	}
	return ca, tls.Certificate{Certificate: [][]byte{der}, PrivateKey: key}, nil
}
