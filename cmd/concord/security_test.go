package main

import (
	"bytes"
	"encoding/json"
	"fmt"
	"io"
	"net/http"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
)

// The race runtime sleeps a second at every exit (atexit_sleep_ms=1000);
// the CLI tests run the race-built binary many times.
func init() {
	if os.Getenv("GORACE") == "" {
		os.Setenv("GORACE", "atexit_sleep_ms=0")
	}
}

// offline runs the binary without a server.
func offline(t *testing.T, args ...string) (string, string, error) {
	t.Helper()
	cmd := exec.Command(binary, args...)
	var out, errb bytes.Buffer
	cmd.Stdout, cmd.Stderr = &out, &errb
	err := cmd.Run()
	return out.String(), errb.String(), err
}

func (p *process) runAs(t *testing.T, token string, args ...string) (string, error) {
	t.Helper()
	return p.run(t, append([]string{"--token", token}, args...)...)
}

func TestTokensFirstOfflineThenOverTheAPI(t *testing.T) {
	dir := t.TempDir()
	admin, msg, err := offline(t, "tokens", "create", "ops", "--role", "admin", "--data-dir", dir)
	require.NoError(t, err, msg)
	admin = strings.TrimSpace(admin)
	require.True(t, strings.HasPrefix(admin, "concord_"), admin)
	require.Contains(t, msg, "created tokens/ops (admin); the secret above is not kept")

	p := serve(t, dir, "--demo")
	out, err := p.run(t, "academies", "list")
	require.Error(t, err)
	require.Contains(t, out, "Unauthenticated: this server requires a bearer token")
	out, err = p.runAs(t, admin, "academies", "list")
	require.NoError(t, err, out)
	require.Contains(t, out, "academies/kz-border-academy")

	// With the server running, the data directory is its own.
	_, msg, err = offline(t, "tokens", "list", "--data-dir", dir)
	require.Error(t, err)
	require.Contains(t, msg, "in use by another concord process")

	editor, err := p.runAs(t, admin, "tokens", "create", "kz-editor", "--role", "editor", "--academy", "kz-border-academy")
	require.NoError(t, err, editor)
	editor = strings.SplitN(editor, "\n", 2)[0]
	out, err = p.runAs(t, admin, "tokens", "list")
	require.NoError(t, err, out)
	require.Contains(t, out, "tokens/kz-editor")
	require.Contains(t, out, "academies/kz-border-academy")
	require.NotContains(t, out, editor)

	// The editor: its academy yes, another no.
	out, err = p.runAs(t, editor, "academies", "update", "academies/kz-border-academy", "--set", "city=Almaty")
	require.NoError(t, err, out)
	out, err = p.runAs(t, editor, "academies", "update", "academies/kg-border-institute", "--set", "city=Osh")
	require.Error(t, err)
	require.Contains(t, out, "PermissionDenied: kz-editor (editor) may not call /concord.v1.AcademyService/UpdateAcademy")
	cmd := exec.Command(binary, "--addr", p.grpc, "academies", "get", "academies/kz-border-academy")
	cmd.Env = append(os.Environ(), "CONCORD_TOKEN="+editor)
	b, err := cmd.CombinedOutput()
	require.NoError(t, err, string(b))
	require.Contains(t, string(b), "Almaty", "$CONCORD_TOKEN works too")

	// The log tells who did it.
	out, err = p.runAs(t, admin, "log", "--principal", "kz-editor")
	require.NoError(t, err, out)
	require.Contains(t, out, "kz-editor  UPDATE     academies/kz-border-academy")
	out, err = p.runAs(t, editor, "log", "--resource", "academies/kz-border-academy", "--since", "1h")
	require.NoError(t, err, out)
	require.Contains(t, out, "academies/kz-border-academy")

	out, err = p.runAs(t, admin, "tokens", "revoke", "kz-editor")
	require.NoError(t, err, out)
	out, err = p.runAs(t, editor, "academies", "list")
	require.Error(t, err)
	require.Contains(t, out, "revoked")
}

func TestBackupAndRestore(t *testing.T) {
	dir := t.TempDir()
	admin, msg, err := offline(t, "tokens", "create", "ops", "--role", "admin", "--data-dir", dir)
	require.NoError(t, err, msg)
	admin = strings.TrimSpace(admin)
	p := serve(t, dir, "--demo")
	out, err := p.runAs(t, admin, "academies", "update", "academies/tj-border-academy", "--set", "city=Dushanbe")
	require.NoError(t, err, out)

	file := filepath.Join(t.TempDir(), "concord-backup.db")
	out, err = p.runAs(t, admin, "backup", file)
	require.NoError(t, err, out)
	require.Regexp(t, `^backup .*concord-backup.db: \d+ bytes, change-log sequence \d+, \d+ frameworks`, out)
	entries, err := os.ReadDir(filepath.Dir(file))
	require.NoError(t, err)
	require.Len(t, entries, 1, "no temporary file left behind")
	listed, err := p.runAs(t, admin, "-o", "json", "modules", "list", "academies/-/curricula/-", "--all")
	require.NoError(t, err, listed)

	// Restore: a file that is not a store, a non-empty target, then a
	// fresh directory.
	junk := filepath.Join(t.TempDir(), "junk.db")
	require.NoError(t, os.WriteFile(junk, []byte("not a store"), 0o600))
	_, msg, err = offline(t, "restore", junk, "--data-dir", t.TempDir())
	require.Error(t, err)
	require.Contains(t, msg, "cannot be restored")
	_, msg, err = offline(t, "restore", file, "--data-dir", dir)
	require.Error(t, err)
	require.Contains(t, msg, "is not empty")
	_, msg, err = offline(t, "restore", file, "--data-dir", dir, "--force")
	require.Error(t, err, "not while the server has it open")
	require.Contains(t, msg, "in use by another concord process")

	target := t.TempDir()
	out, msg, err = offline(t, "restore", file, "--data-dir", target)
	require.NoError(t, err, msg)
	require.Contains(t, out, "restored "+file+" into "+target)
	q := serve(t, target)
	got, err := q.runAs(t, admin, "-o", "json", "modules", "list", "academies/-/curricula/-", "--all")
	require.NoError(t, err, got)
	require.JSONEq(t, listed, got, "the restored server serves the same modules")
	out, err = q.runAs(t, admin, "academies", "get", "academies/tj-border-academy")
	require.NoError(t, err, out)
	require.Contains(t, out, "Dushanbe")

	// --force replaces a stopped server's store and drops its index.
	require.NoError(t, os.MkdirAll(filepath.Join(dir, "index"), 0o700))
	require.NoError(t, p.cmd.Process.Signal(os.Interrupt))
	require.NoError(t, p.cmd.Wait())
	out, msg, err = offline(t, "restore", file, "--data-dir", dir, "--force")
	require.NoError(t, err, msg)
	require.Contains(t, out, "the search index will be rebuilt on start")
	_, err = os.Stat(filepath.Join(dir, "index"))
	require.True(t, os.IsNotExist(err), "the index is removed, to be rebuilt")
}

// TestDiskFullKeepsAcknowledgedData runs the server with a file-size
// limit (RLIMIT_FSIZE, as a full disk would do): writes beyond it fail
// with UNAVAILABLE and store nothing, reads go on, and after a restart
// without the limit every acknowledged write is there.
func TestDiskFullKeepsAcknowledgedData(t *testing.T) {
	dir := t.TempDir()
	p := &process{grpc: freeAddr(t), http: freeAddr(t), stderr: &bytes.Buffer{}}
	p.cmd = exec.Command("bash", "-c", `ulimit -f 2048 && exec "$0" "$@"`, binary,
		"serve", "--data-dir", dir, "--grpc-addr", p.grpc, "--http-addr", p.http)
	p.cmd.Stderr = p.stderr
	require.NoError(t, p.cmd.Start())
	t.Cleanup(func() {
		if p.cmd.ProcessState == nil {
			p.cmd.Process.Kill()
			p.cmd.Wait()
		}
	})
	waitReady(t, p)
	out, err := p.run(t, "academies", "create", "academies/kz-border-academy", "--set", "display_name=KZ", "--set", "country=KZ", "--set", "agency=border-guard")
	require.NoError(t, err, out)
	out, err = p.run(t, "curricula", "create", "academies/kz-border-academy/curricula/basic", "--set", "title=Basic", "--set", "level=BASIC",
		"--set", "language=ru", "--set", "framework=frameworks/ibm-core", "--set", "state=ACTIVE")
	require.NoError(t, err, out)

	client := &http.Client{Transport: &http.Transport{}}
	defer client.CloseIdleConnections()
	var acknowledged, refused []string
	for i := 0; i < 20 && len(refused) < 3; i++ {
		id := fmt.Sprintf("m%02d", i)
		body, _ := json.Marshal(map[string]any{"code": id, "title": "Big " + id, "hours": 1, "description": strings.Repeat("x", 300_000)})
		resp, err := client.Post("http://"+p.http+"/v1/academies/kz-border-academy/curricula/basic/modules?module_id="+id, "application/json", bytes.NewReader(body))
		require.NoError(t, err)
		b, _ := io.ReadAll(resp.Body)
		resp.Body.Close()
		switch resp.StatusCode {
		case http.StatusOK:
			acknowledged = append(acknowledged, id)
		case http.StatusServiceUnavailable:
			require.Contains(t, string(b), "the data directory cannot take this write")
			refused = append(refused, id)
		default:
			t.Fatalf("module %s: %d %s", id, resp.StatusCode, b)
		}
	}
	require.NotEmpty(t, acknowledged)
	require.Len(t, refused, 3, "the limit was reached")
	out, err = p.run(t, "-o", "json", "modules", "list", "academies/kz-border-academy/curricula/basic")
	require.NoError(t, err, "reads go on: %s", out)

	require.NoError(t, p.cmd.Process.Signal(os.Interrupt))
	require.NoError(t, p.cmd.Wait(), p.stderr.String())
	st, err := storage.Verify(filepath.Join(dir, "concord.db"), time.Second)
	require.NoError(t, err)
	require.Equal(t, len(acknowledged), st.Resources["Module"])

	q := serve(t, dir)
	out, err = q.run(t, "-o", "json", "modules", "list", "academies/kz-border-academy/curricula/basic")
	require.NoError(t, err, out)
	var list struct {
		Modules []struct {
			Code string `json:"code"`
		} `json:"modules"`
	}
	require.NoError(t, json.Unmarshal([]byte(out), &list))
	var codes []string
	for _, m := range list.Modules {
		codes = append(codes, m.Code)
	}
	require.Equal(t, acknowledged, codes, "every acknowledged write, and none of the refused ones")
}

func waitReady(t *testing.T, p *process) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		if resp, err := http.Get("http://" + p.http + "/readyz"); err == nil {
			resp.Body.Close()
			if resp.StatusCode == http.StatusOK {
				return
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatalf("server did not become ready: %s", p.stderr)
}
