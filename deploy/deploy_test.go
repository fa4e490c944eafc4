// Package deploy holds the container image and Kubernetes manifests that run cnbudget
// serve replicas for batch --server; this test checks them, since Docker and a cluster
// are not at hand where the tests run.
package deploy

import (
	"bufio"
	"bytes"
	"errors"
	"io"
	"os"
	"path/filepath"
	"regexp"
	"slices"
	"strings"
	"testing"

	"gopkg.in/yaml.v3"
)

// manifests parses every document of every YAML file under k8s/ into generic maps.
func manifests(t *testing.T) map[string]map[string]any {
	t.Helper()
	files, err := filepath.Glob("k8s/*.yaml")
	if err != nil || len(files) == 0 {
		t.Fatalf("no manifests: %v", err)
	}
	byKind := map[string]map[string]any{}
	for _, f := range files {
		b, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		dec := yaml.NewDecoder(bytes.NewReader(b))
		for {
			var doc map[string]any
			err := dec.Decode(&doc)
			if errors.Is(err, io.EOF) {
				break
			}
			if err != nil {
				t.Fatalf("%s: %v", f, err)
			}
			kind, _ := doc["kind"].(string)
			if kind == "" || doc["apiVersion"] == nil {
				t.Fatalf("%s: a document without kind or apiVersion", f)
			}
			byKind[kind] = doc
		}
	}
	return byKind
}

// get walks m along path: map keys, or "0" for a list's first item.
func get(t *testing.T, m any, path ...string) any {
	t.Helper()
	for i, p := range path {
		switch v := m.(type) {
		case map[string]any:
			m = v[p]
		case []any:
			if p != "0" || len(v) == 0 {
				t.Fatalf("%s: not a list index", strings.Join(path[:i+1], "."))
			}
			m = v[0]
		default:
			t.Fatalf("%s: missing", strings.Join(path[:i+1], "."))
		}
		if m == nil {
			t.Fatalf("%s: missing", strings.Join(path[:i+1], "."))
		}
	}
	return m
}

func TestDeployment(t *testing.T) {
	m := manifests(t)
	d, ok := m["Deployment"]
	if !ok {
		t.Fatal("no Deployment")
	}
	c := get(t, d, "spec", "template", "spec", "containers", "0")
	port := get(t, c, "ports", "0", "containerPort")
	for _, probe := range []string{"readinessProbe", "livenessProbe", "startupProbe"} {
		if got := get(t, c, probe, "grpc", "port"); got != port {
			t.Errorf("%s checks gRPC health on port %v, the container serves %v", probe, got, port)
		}
	}
	if s := get(t, c, "readinessProbe", "grpc", "service"); s != "cnbudget.v1.ExtractorService" {
		t.Errorf("readiness checks service %v, want cnbudget.v1.ExtractorService (server.ServiceName)", s)
	}
	for _, r := range []string{"cpu", "memory"} {
		get(t, c, "resources", "requests", r)
	}
	if get(t, d, "spec", "template", "spec", "securityContext", "runAsNonRoot") != true {
		t.Error("pods may run as root")
	}
	if get(t, c, "securityContext", "readOnlyRootFilesystem") != true {
		t.Error("root filesystem is writable")
	}
	env := map[string]bool{}
	for _, e := range get(t, c, "env").([]any) {
		env[e.(map[string]any)["name"].(string)] = true
	}
	if !env["CNBUDGET_ADDR"] || !env["CNBUDGET_DRAIN_DELAY"] {
		t.Errorf("env %v lacks the listen address or the drain delay", env)
	}
	labels := get(t, d, "spec", "template", "metadata", "labels").(map[string]any)
	sel := get(t, d, "spec", "selector", "matchLabels").(map[string]any)
	for k, v := range sel {
		if labels[k] != v {
			t.Errorf("the Deployment's selector %s=%v does not match its pods", k, v)
		}
	}

	s, ok := m["Service"]
	if !ok {
		t.Fatal("no Service")
	}
	if get(t, s, "spec", "clusterIP") != "None" {
		t.Error("the Service is not headless: clients could not balance over the pods")
	}
	for k, v := range get(t, s, "spec", "selector").(map[string]any) {
		if labels[k] != v {
			t.Errorf("the Service's selector %s=%v does not match the pods", k, v)
		}
	}
	if tp := get(t, s, "spec", "ports", "0", "targetPort"); tp != "grpc" && tp != port {
		t.Errorf("the Service targets port %v, the pods serve %v", tp, port)
	}

	k, ok := m["Kustomization"]
	if !ok {
		t.Fatal("no Kustomization")
	}
	for _, r := range get(t, k, "resources").([]any) {
		if _, err := os.Stat(filepath.Join("k8s", r.(string))); err != nil {
			t.Errorf("kustomization: %v", err)
		}
	}
}

func TestDockerfile(t *testing.T) {
	b, err := os.ReadFile("Dockerfile")
	if err != nil {
		t.Fatal(err)
	}
	var froms []string
	user := ""
	sc := bufio.NewScanner(bytes.NewReader(b))
	first := true
	for sc.Scan() {
		line := strings.TrimSpace(sc.Text())
		if first && !strings.HasPrefix(line, "# syntax=") {
			t.Error("the syntax directive must be the first line to count")
		}
		first = false
		switch f := strings.Fields(line); {
		case len(f) == 0 || strings.HasPrefix(f[0], "#"):
		case f[0] == "FROM":
			froms = append(froms, f[1])
			user = ""
		case f[0] == "USER":
			user = f[1]
		}
	}
	if len(froms) < 2 {
		t.Errorf("%d stages, want a build stage and a runtime stage", len(froms))
	}
	if user == "" || strings.HasPrefix(user, "0") || strings.HasPrefix(user, "root") {
		t.Errorf("the final stage runs as %q, want a non-root user", user)
	}
	if !bytes.Contains(b, []byte("CGO_ENABLED=0")) {
		t.Error("the binary is not built static")
	}
	// The builder's Go must be the one go.mod asks for.
	mod, err := os.ReadFile("../go.mod")
	if err != nil {
		t.Fatal(err)
	}
	want := regexp.MustCompile(`(?m)^go (\d+\.\d+)`).FindSubmatch(mod)
	if want == nil {
		t.Fatal("go.mod has no go line")
	}
	if !slices.ContainsFunc(froms, func(f string) bool { return strings.HasPrefix(f, "golang:"+string(want[1])) }) {
		t.Errorf("no build stage FROM golang:%s (stages %v)", want[1], froms)
	}
}
