package main

import (
	"bytes"
	"encoding/json"
	"net"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/stretchr/testify/require"
)

// These tests build the real binary and run it as a user would.

var binary string

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "concord-bin")
	if err != nil {
		panic(err)
	}
	binary = filepath.Join(dir, "concord")
	args := []string{"build", "-o", binary}
	if raceBuild {
		args = append(args, "-race")
	}
	if out, err := exec.Command("go", append(args, ".")...).CombinedOutput(); err != nil {
		panic(string(out))
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

func freeAddr(t *testing.T) string {
	t.Helper()
	l, err := net.Listen("tcp", "127.0.0.1:0")
	require.NoError(t, err)
	defer l.Close()
	return l.Addr().String()
}

type process struct {
	cmd    *exec.Cmd
	stderr *bytes.Buffer
	grpc   string
	http   string
}

// serve starts `concord serve` and waits until it answers /readyz.
func serve(t *testing.T, dataDir string, extra ...string) *process {
	t.Helper()
	p := &process{grpc: freeAddr(t), http: freeAddr(t), stderr: &bytes.Buffer{}}
	args := append([]string{"serve", "--data-dir", dataDir, "--grpc-addr", p.grpc, "--http-addr", p.http}, extra...)
	p.cmd = exec.Command(binary, args...)
	p.cmd.Stderr = p.stderr
	require.NoError(t, p.cmd.Start())
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
	})
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + p.http + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return p
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server did not become ready: %s", p.stderr)
	return nil
}

func (p *process) run(t *testing.T, args ...string) (string, error) {
	t.Helper()
	cmd := exec.Command(binary, append([]string{"--addr", p.grpc}, args...)...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return out.String() + errb.String(), err
}

func TestServeAndClientCommands(t *testing.T) {
	p := serve(t, t.TempDir(), "--demo")

	out, err := p.run(t, "academies", "list")
	require.NoError(t, err, out)
	require.Contains(t, out, "academies/kz-border-academy")
	require.Contains(t, strings.SplitN(out, "\n", 2)[0], "COUNTRY")

	out, err = p.run(t, "-o", "json", "academies", "get", "academies/kz-border-academy")
	require.NoError(t, err, out)
	var a map[string]any
	require.NoError(t, json.Unmarshal([]byte(out), &a))
	require.Equal(t, "KZ", a["country"])

	out, err = p.run(t, "academies", "create", "academies/gh-immigration-academy",
		"--set", "display_name=Ghana Immigration Service Academy", "--set", "country=GH", "--set", "agency=migration", "--set", "languages=en")
	require.NoError(t, err, out)
	out, err = p.run(t, "academies", "update", "academies/gh-immigration-academy", "--set", "city=Assinman", "--etag", `"1"`)
	require.NoError(t, err, out)
	require.Contains(t, out, "Assinman")
	out, err = p.run(t, "academies", "update", "academies/gh-immigration-academy", "--set", "city=Accra", "--etag", `"1"`)
	require.Error(t, err)
	require.Contains(t, out, "Aborted")

	out, err = p.run(t, "academies", "create", "academies/xx-bad", "--set", "display_name=X", "--set", "country=xyz", "--set", "agency=border-guard")
	require.Error(t, err)
	require.Contains(t, out, "academy.country")

	out, err = p.run(t, "-o", "json", "modules", "list", "academies/-/curricula/-", "--filter", `language = "ar"`, "--all")
	require.NoError(t, err, out)
	var mods struct {
		Modules []map[string]any `json:"modules"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &mods))
	require.NotEmpty(t, mods.Modules)

	out, err = p.run(t, "academies", "delete", "academies/gh-immigration-academy")
	require.NoError(t, err, out)
}

func TestSecondServeExitsWithClearMessage(t *testing.T) {
	dir := t.TempDir()
	serve(t, dir)
	cmd := exec.Command(binary, "serve", "--data-dir", dir, "--grpc-addr", freeAddr(t), "--http-addr", freeAddr(t))
	start := time.Now()
	out, err := cmd.CombinedOutput()
	require.Error(t, err)
	require.NotEqual(t, 0, cmd.ProcessState.ExitCode())
	require.Contains(t, string(out), "in use by another concord process")
	require.Less(t, time.Since(start), 10*time.Second)
}

func TestGracefulShutdownKeepsData(t *testing.T) {
	dir := t.TempDir()
	p := serve(t, dir)
	out, err := p.run(t, "academies", "create", "academies/ir-customs-college",
		"--set", "display_name=Customs College", "--set", "country=IR", "--set", "agency=customs")
	require.NoError(t, err, out)
	require.NoError(t, p.cmd.Process.Signal(os.Interrupt))
	require.NoError(t, p.cmd.Wait(), p.stderr.String())

	q := serve(t, dir)
	out, err = q.run(t, "academies", "get", "academies/ir-customs-college")
	require.NoError(t, err, out)
	require.Contains(t, out, "Customs College")
}
