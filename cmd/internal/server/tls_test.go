package server

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"encoding/pem"
	"math/big"
	"net"
	"net/http"
	"os"
	"path/filepath"
	"testing"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	"google.golang.org/grpc/credentials/insecure"
	"google.golang.org/grpc/status"
)

// testPKI is a CA with a server certificate for 127.0.0.1 and a client
// certificate, as PEM files.
type testPKI struct {
	caFile, certFile, keyFile     string
	clientCertFile, clientKeyFile string
	pool                          *x509.CertPool
	client                        tls.Certificate
}

func newPKI(t *testing.T) *testPKI {
	t.Helper()
	dir := t.TempDir()
	caKey, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	require.NoError(t, err)
	caTmpl := &x509.Certificate{SerialNumber: big.NewInt(1), Subject: pkix.Name{CommonName: "test CA"},
		NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
		IsCA: true, BasicConstraintsValid: true, KeyUsage: x509.KeyUsageCertSign}
	caDER, err := x509.CreateCertificate(rand.Reader, caTmpl, caTmpl, &caKey.PublicKey, caKey)
	require.NoError(t, err)
	ca, err := x509.ParseCertificate(caDER)
	require.NoError(t, err)
	p := &testPKI{pool: x509.NewCertPool()}
	p.pool.AddCert(ca)
	p.caFile = writePEM(t, dir, "ca.pem", "CERTIFICATE", caDER)
	leaf := func(name string, serial int64, usage x509.ExtKeyUsage, ips ...net.IP) (string, string, tls.Certificate) {
		key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
		require.NoError(t, err)
		tmpl := &x509.Certificate{SerialNumber: big.NewInt(serial), Subject: pkix.Name{CommonName: name},
			NotBefore: time.Now().Add(-time.Hour), NotAfter: time.Now().Add(time.Hour),
			KeyUsage: x509.KeyUsageDigitalSignature, ExtKeyUsage: []x509.ExtKeyUsage{usage}, IPAddresses: ips}
		der, err := x509.CreateCertificate(rand.Reader, tmpl, ca, &key.PublicKey, caKey)
		require.NoError(t, err)
		kb, err := x509.MarshalECPrivateKey(key)
		require.NoError(t, err)
		cert := writePEM(t, dir, name+".pem", "CERTIFICATE", der)
		keyFile := writePEM(t, dir, name+"-key.pem", "EC PRIVATE KEY", kb)
		pair, err := tls.LoadX509KeyPair(cert, keyFile)
		require.NoError(t, err)
		return cert, keyFile, pair
	}
	p.certFile, p.keyFile, _ = leaf("server", 2, x509.ExtKeyUsageServerAuth, net.ParseIP("127.0.0.1"))
	p.clientCertFile, p.clientKeyFile, p.client = leaf("client", 3, x509.ExtKeyUsageClientAuth)
	return p
}

func writePEM(t *testing.T, dir, name, typ string, der []byte) string {
	t.Helper()
	path := filepath.Join(dir, name)
	require.NoError(t, os.WriteFile(path, pem.EncodeToMemory(&pem.Block{Type: typ, Bytes: der}), 0o600))
	return path
}

func dialTLS(t *testing.T, addr string, cfg *tls.Config) pb.AcademyServiceClient {
	t.Helper()
	creds := insecure.NewCredentials()
	if cfg != nil {
		creds = credentials.NewTLS(cfg)
	}
	conn, err := grpc.NewClient(addr, grpc.WithTransportCredentials(creds))
	require.NoError(t, err)
	t.Cleanup(func() { conn.Close() })
	return pb.NewAcademyServiceClient(conn)
}

func httpsGet(t *testing.T, url, secret string, cfg *tls.Config) (int, error) {
	t.Helper()
	tr := &http.Transport{TLSClientConfig: cfg}
	defer tr.CloseIdleConnections()
	req, err := http.NewRequest(http.MethodGet, url, nil)
	require.NoError(t, err)
	req.Header.Set("Authorization", "Bearer "+secret)
	resp, err := (&http.Client{Transport: tr}).Do(req)
	if err != nil {
		return 0, err
	}
	resp.Body.Close()
	return resp.StatusCode, nil
}

func TestTLS(t *testing.T) {
	pki := newPKI(t)
	s := startSecured(t, func(c *Config) {
		c.Security.CertFile, c.Security.KeyFile = pki.certFile, pki.keyFile
	})
	ctx := s.viewer.ctx(t.Context())
	_, err := dialTLS(t, s.GRPCAddr(), &tls.Config{RootCAs: pki.pool}).ListAcademies(ctx, &pb.ListAcademiesRequest{})
	require.NoError(t, err)
	_, err = dialTLS(t, s.GRPCAddr(), nil).ListAcademies(ctx, &pb.ListAcademiesRequest{})
	require.Equal(t, codes.Unavailable, status.Code(err), "plaintext is refused")
	_, err = dialTLS(t, s.GRPCAddr(), &tls.Config{}).ListAcademies(ctx, &pb.ListAcademiesRequest{})
	require.Equal(t, codes.Unavailable, status.Code(err), "an unknown CA is refused")

	// REST over HTTPS: the gateway reaches gRPC over TLS too.
	code, err := httpsGet(t, "https://"+s.HTTPAddr()+"/v1/academies", s.viewer.secret, &tls.Config{RootCAs: pki.pool})
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code)
	tr := &http.Transport{}
	defer tr.CloseIdleConnections()
	resp, err := (&http.Client{Transport: tr}).Get("http://" + s.HTTPAddr() + "/v1/academies")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusBadRequest, resp.StatusCode, "plain HTTP gets nothing but Go's refusal")
}

func TestMutualTLS(t *testing.T) {
	pki := newPKI(t)
	s := startSecured(t, func(c *Config) {
		c.Security.CertFile, c.Security.KeyFile, c.Security.ClientCAFile = pki.certFile, pki.keyFile, pki.caFile
	})
	ctx := s.viewer.ctx(t.Context())
	with := &tls.Config{RootCAs: pki.pool, Certificates: []tls.Certificate{pki.client}}
	without := &tls.Config{RootCAs: pki.pool}

	_, err := dialTLS(t, s.GRPCAddr(), with).ListAcademies(ctx, &pb.ListAcademiesRequest{})
	require.NoError(t, err)
	_, err = dialTLS(t, s.GRPCAddr(), without).ListAcademies(ctx, &pb.ListAcademiesRequest{})
	require.Equal(t, codes.Unavailable, status.Code(err), "no client certificate, no connection")

	code, err := httpsGet(t, "https://"+s.HTTPAddr()+"/v1/academies", s.viewer.secret, with)
	require.NoError(t, err)
	require.Equal(t, http.StatusOK, code, "the gateway presents its own certificate to gRPC")
	_, err = httpsGet(t, "https://"+s.HTTPAddr()+"/v1/academies", s.viewer.secret, without)
	require.Error(t, err)

	// A certificate is no identity: the token still decides.
	_, err = dialTLS(t, s.GRPCAddr(), with).ListAcademies(t.Context(), &pb.ListAcademiesRequest{})
	require.Equal(t, codes.Unauthenticated, status.Code(err))
}
