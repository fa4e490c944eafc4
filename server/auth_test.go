package server_test

import (
	"crypto/ecdsa"
	"crypto/elliptic"
	"crypto/rand"
	"crypto/tls"
	"crypto/x509"
	"crypto/x509/pkix"
	"math/big"
	"net"
	"testing"
	"time"

	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/credentials"
	healthpb "google.golang.org/grpc/health/grpc_health_v1"
	"google.golang.org/grpc/status"

	"github.com/cnbudget/cnbudget/client"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
	"github.com/cnbudget/cnbudget/server"
)

func TestToken(t *testing.T) {
	const token = "s3cret-token"
	opts := server.Options{AuthToken: token}
	tests := []struct {
		name  string
		copts []client.Option
		code  codes.Code
	}{
		{"none", nil, codes.Unauthenticated},
		{"wrong", []client.Option{client.WithToken("guess")}, codes.Unauthenticated},
		{"right", []client.Option{client.WithToken(token)}, codes.OK},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			ts := startBufconn(t, newFake(), opts, tt.copts...)
			ctx := ctxT(t, 10*time.Second)
			_, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: []byte("doc")})
			if status.Code(err) != tt.code {
				t.Errorf("Extract: %v, want %v", err, tt.code)
			}
			_, err = ts.client.Segment(ctx, &cnbudgetv1.SegmentRequest{Text: "文"})
			if status.Code(err) != tt.code {
				t.Errorf("Segment: %v, want %v", err, tt.code)
			}
			stream, err := ts.client.ExtractStream(ctx)
			if err == nil {
				stream.Send(&cnbudgetv1.ExtractStreamRequest{Id: "1", Content: []byte("doc")})
				stream.CloseSend()
				_, err = stream.Recv()
			}
			if status.Code(err) != tt.code {
				t.Errorf("ExtractStream: %v, want %v", err, tt.code)
			}
			resp, err := ts.client.Health.Check(ctx, &healthpb.HealthCheckRequest{})
			if err != nil || resp.GetStatus() != healthpb.HealthCheckResponse_SERVING {
				t.Errorf("health without the token must stay open: %v %v", resp, err)
			}
		})
	}
}

// TLS and the token together, over a loopback port.
func TestTLS(t *testing.T) {
	serverCreds, clientCreds := selfSigned(t)
	ts := startTCP(t, newFake(), server.Options{Creds: serverCreds, AuthToken: "tok"},
		client.WithTLS(clientCreds), client.WithToken("tok"))
	ctx := ctxT(t, 10*time.Second)
	if _, err := ts.client.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: []byte("doc")}); err != nil {
		t.Fatalf("Extract over TLS: %v", err)
	}
	plain, err := client.Dial(ts.addr, client.WithToken("tok"))
	if err != nil {
		t.Fatal(err)
	}
	defer plain.Close()
	if _, err := plain.Extract(ctx, &cnbudgetv1.ExtractRequest{Content: []byte("doc")}); status.Code(err) != codes.Unavailable {
		t.Errorf("plaintext client to a TLS server: %v, want UNAVAILABLE", err)
	}
}

// selfSigned makes a certificate for 127.0.0.1 and the credentials of both ends.
func selfSigned(t *testing.T) (serverCreds, clientCreds credentials.TransportCredentials) {
	t.Helper()
	key, err := ecdsa.GenerateKey(elliptic.P256(), rand.Reader)
	if err != nil {
		t.Fatal(err)
	}
	tmpl := &x509.Certificate{
		SerialNumber:          big.NewInt(1),
		Subject:               pkix.Name{CommonName: "cnbudget test"},
		NotBefore:             time.Now().Add(-time.Hour),
		NotAfter:              time.Now().Add(time.Hour),
		IPAddresses:           []net.IP{net.ParseIP("127.0.0.1")},
		KeyUsage:              x509.KeyUsageDigitalSignature | x509.KeyUsageCertSign,
		ExtKeyUsage:           []x509.ExtKeyUsage{x509.ExtKeyUsageServerAuth},
		IsCA:                  true,
		BasicConstraintsValid: true,
	}
	der, err := x509.CreateCertificate(rand.Reader, tmpl, tmpl, &key.PublicKey, key)
	if err != nil {
		t.Fatal(err)
	}
	cert, err := x509.ParseCertificate(der)
	if err != nil {
		t.Fatal(err)
	}
	pool := x509.NewCertPool()
	pool.AddCert(cert)
	serverCreds = credentials.NewTLS(&tls.Config{Certificates: []tls.Certificate{{Certificate: [][]byte{der}, PrivateKey: key}}})
	clientCreds = credentials.NewTLS(&tls.Config{RootCAs: pool})
	return serverCreds, clientCreds
}
