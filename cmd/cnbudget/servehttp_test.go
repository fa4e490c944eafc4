package main

import (
	"bytes"
	"context"
	"encoding/base64"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"strings"
	"testing"
	"time"

	"github.com/google/go-cmp/cmp"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/testing/protocmp"

	"github.com/cnbudget/cnbudget/client"
	cnbudgetv1 "github.com/cnbudget/cnbudget/proto/cnbudget/v1"
)

// TestServeHTTP runs serve --http and calls it as HTTP clients do, over loopback: the
// record of POST /v1/extract is the gRPC call's, bad input and a missing token get their
// HTTP status and a JSON error, too large gets 413 (declared, streamed, or over the
// document limit), health and the OpenAPI description answer, and the upload form
// answers with the review page.
func TestServeHTTP(t *testing.T) {
	seed, err := os.ReadFile("../../server/testdata/seed.txt")
	if err != nil {
		t.Fatal(err)
	}
	const maxBytes = 200000
	ctx, stop := context.WithCancel(context.Background())
	defer stop()
	log := &lockedBuffer{}
	exited := make(chan int, 1)
	go func() {
		exited <- Main(ctx, []string{"serve", "--addr", "127.0.0.1:0", "--http", "127.0.0.1:0", "--log-format", "json",
			"--auth-token", "tok", "--max-bytes", "200000"}, nil, io.Discard, log)
	}()
	addr := listenAddr(t, log, exited)
	base := "http://" + logAddr(t, log, exited, "http listening")

	c, err := client.Dial(addr, client.WithToken("tok"))
	if err != nil {
		t.Fatal(err)
	}
	defer c.Close()
	cctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	want, err := c.Extract(cctx, &cnbudgetv1.ExtractRequest{Name: "seed.txt", Content: seed})
	if err != nil {
		t.Fatal(err)
	}

	post := func(path, token, contentType string, body io.Reader) (int, http.Header, []byte) {
		t.Helper()
		req, err := http.NewRequestWithContext(cctx, http.MethodPost, base+path, body)
		if err != nil {
			t.Fatal(err)
		}
		req.Header.Set("Content-Type", contentType)
		if token != "" {
			req.Header.Set("Authorization", "Bearer "+token)
		}
		resp, err := http.DefaultClient.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, resp.Header, b
	}
	extractJSON := func(content []byte) string {
		b, _ := json.Marshal(map[string]string{"name": "seed.txt", "content": base64.StdEncoding.EncodeToString(content)})
		return string(b)
	}
	// jsonError checks an error answer: the status, JSON, the gRPC code and reason.
	jsonError := func(what string, status int, body []byte, wantStatus, wantCode int, wantReason string) {
		t.Helper()
		var e struct {
			Code    int
			Message string
			Details []struct{ Reason string }
		}
		if err := json.Unmarshal(body, &e); err != nil {
			t.Errorf("%s: error body is not JSON: %q", what, body)
			return
		}
		reason := ""
		for _, d := range e.Details {
			if d.Reason != "" {
				reason = d.Reason
				break
			}
		}
		if status != wantStatus || e.Code != wantCode || reason != wantReason || e.Message == "" {
			t.Errorf("%s: HTTP %d, code %d, reason %q, message %q; want HTTP %d, code %d, reason %q", what, status, e.Code, reason, e.Message, wantStatus, wantCode, wantReason)
		}
	}

	status, hdr, body := post("/v1/extract", "tok", "application/json", strings.NewReader(extractJSON(seed)))
	if status != http.StatusOK || !strings.HasPrefix(hdr.Get("Content-Type"), "application/json") {
		t.Fatalf("POST /v1/extract: %d %s: %s", status, hdr.Get("Content-Type"), body)
	}
	got := &cnbudgetv1.ExtractResponse{}
	if err := protojson.Unmarshal(body, got); err != nil {
		t.Fatalf("the answer is not an ExtractResponse in protojson: %v", err)
	}
	if d := cmp.Diff(want, got, protocmp.Transform()); d != "" {
		t.Errorf("HTTP record differs from gRPC's (-grpc +http):\n%s", d)
	}

	status, _, body = post("/v1/extract", "", "application/json", strings.NewReader(extractJSON(seed)))
	jsonError("no token", status, body, http.StatusUnauthorized, 16, "")
	status, _, body = post("/v1/extract", "tok", "application/json", strings.NewReader(extractJSON([]byte{0, 1, 2, 3, 0})))
	jsonError("binary document", status, body, http.StatusBadRequest, 3, "BINARY")
	status, _, body = post("/v1/extract", "tok", "application/json", strings.NewReader(`{"content": 12`))
	jsonError("broken JSON", status, body, http.StatusBadRequest, 3, "")
	status, _, body = post("/v1/extract", "tok", "application/json", strings.NewReader(extractJSON(bytes.Repeat(seed, maxBytes/len(seed)+1))))
	jsonError("document over --max-bytes", status, body, http.StatusRequestEntityTooLarge, 8, "TOO_LARGE")
	huge := extractJSON(bytes.Repeat([]byte("预算"), maxBytes))
	status, _, body = post("/v1/extract", "tok", "application/json", strings.NewReader(huge))
	jsonError("body over the limit, declared", status, body, http.StatusRequestEntityTooLarge, 8, "TOO_LARGE")
	status, _, body = post("/v1/extract", "tok", "application/json", struct{ io.Reader }{strings.NewReader(huge)}) // chunked: no length
	jsonError("body over the limit, streamed", status, body, http.StatusRequestEntityTooLarge, 8, "TOO_LARGE")

	for path, wantIn := range map[string]string{"/healthz": `"SERVING"`, "/openapi.json": `"/v1/extract"`, "/": `enctype="multipart/form-data"`} {
		resp, err := http.Get(base + path)
		if err != nil {
			t.Fatal(err)
		}
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		if resp.StatusCode != http.StatusOK || !strings.Contains(string(b), wantIn) {
			t.Errorf("GET %s: %d, %.200q; want 200 with %s", path, resp.StatusCode, b, wantIn)
		}
	}

	upload := func(token string) (int, []byte) {
		var buf bytes.Buffer
		mw := multipart.NewWriter(&buf)
		fw, _ := mw.CreateFormFile("file", "seed.txt")
		fw.Write(seed)
		if token != "" {
			mw.WriteField("token", token)
		}
		mw.Close()
		status, _, body := post("/review", "", mw.FormDataContentType(), &buf)
		return status, body
	}
	status, body = upload("tok")
	if n := strings.Count(string(body), `<mark class="fact" id="f`); status != http.StatusOK || n != 45 {
		t.Errorf("POST /review: %d with %d facts highlighted, want 200 and 45", status, n)
	}
	if status, body = upload(""); status != http.StatusUnauthorized || !strings.Contains(string(body), "UNAUTHENTICATED") {
		t.Errorf("POST /review without the token: %d %.200q, want 401", status, body)
	}

	stop()
	select {
	case code := <-exited:
		if code != 0 {
			t.Errorf("exit status %d, want 0:\n%s", code, log.String())
		}
	case <-time.After(30 * time.Second):
		t.Fatal("serve did not stop within 30s of its context ending")
	}
	for _, line := range []string{`"msg":"http","method":"POST","path":"/v1/extract","status":200`, `"path":"/review","status":200`, `"method":"/cnbudget.v1.ExtractorService/Extract"`} {
		if !strings.Contains(log.String(), line) {
			t.Errorf("no log line with %s", line)
		}
	}
}
