package server

import (
	"context"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
	"github.com/stretchr/testify/require"
)

// chromiumPath is Debian's Chromium; the dashboard tests fail without it
// (.ci/run installs it).
const chromiumPath = "/usr/bin/chromium"

// screenshotDir collects the dashboard tests' screenshots (gitignored).
const screenshotDir = "testdata/screenshots"

// viewports are the sizes every screenshot is taken at: a laptop and a
// tablet held upright.
var viewports = [][2]int64{{1280, 800}, {768, 1024}}

// browser is one headless Chromium tab on a test server's dashboard.
type browser struct {
	t    *testing.T
	ctx  context.Context
	base string

	mu       sync.Mutex
	problems []string // uncaught exceptions and console errors
}

// openBrowser starts headless Chromium with a fresh profile and opens
// base + hash. Every page problem (an exception, a console error other
// than a failed request) fails the test at the next check.
func openBrowser(t *testing.T, base, hash string) *browser {
	t.Helper()
	if _, err := os.Stat(chromiumPath); err != nil {
		t.Fatalf("the dashboard tests need Chromium at %s: install it with `apt-get install -y chromium` (.ci/run does): %v", chromiumPath, err)
	}
	actx, cancelAlloc := chromedp.NewExecAllocator(context.Background(),
		chromedp.ExecPath(chromiumPath),
		chromedp.Flag("headless", true),
		chromedp.NoSandbox,
		chromedp.Flag("disable-gpu", true),
		chromedp.Flag("disable-quic", true),
		chromedp.NoFirstRun,
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.UserDataDir(t.TempDir()),
		chromedp.WindowSize(int(viewports[0][0]), int(viewports[0][1])),
	)
	ctx, cancelTab := chromedp.NewContext(actx)
	ctx, cancelTimeout := context.WithTimeout(ctx, 4*time.Minute)
	t.Cleanup(func() { cancelTimeout(); cancelTab(); cancelAlloc() })
	b := &browser{t: t, ctx: ctx, base: base}
	// Start the browser and subscribe before the first page loads.
	require.NoError(t, chromedp.Do(ctx, chromedp.EmulateViewport(viewports[0][0], viewports[0][1])))
	messages := chromedp.Console(ctx)
	go func() {
		for m, err := range messages {
			if err != nil {
				return
			}
			if m.IsException() || (m.Type == chromedp.ConsoleError && m.Source != "network") {
				b.mu.Lock()
				b.problems = append(b.problems, fmt.Sprintf("%s (%s:%d)", m, m.URL, m.Line))
				b.mu.Unlock()
			}
		}
	}()
	require.NoError(t, chromedp.Do(ctx, chromedp.Navigate(base+"/"+hash)))
	return b
}

// check fails the test on any page problem so far.
func (b *browser) check() {
	b.t.Helper()
	b.mu.Lock()
	defer b.mu.Unlock()
	require.Empty(b.t, b.problems, "problems in the page")
}

func (b *browser) do(actions ...chromedp.Action[chromedp.Void]) {
	b.t.Helper()
	require.NoError(b.t, chromedp.Do(b.ctx, actions...))
}

// eval evaluates a JavaScript expression and decodes its value.
func eval[T any](b *browser, js string) T {
	b.t.Helper()
	v, err := chromedp.Run(b.ctx, chromedp.Evaluate[T](js))
	require.NoError(b.t, err, js)
	return v
}

// waitFor polls a JavaScript expression until it is truthy, and fails
// the test with what the page shows when it never is.
func (b *browser) waitFor(js string) {
	b.t.Helper()
	_, err := chromedp.Run(b.ctx, chromedp.Poll[chromedp.Void](js, chromedp.WithPollingTimeout(60*time.Second)))
	if err != nil {
		text, _ := chromedp.Run(b.ctx, chromedp.Evaluate[string](`location.hash + '\n' + document.querySelector('main').innerText.slice(0, 600)`))
		b.mu.Lock()
		problems := b.problems
		b.mu.Unlock()
		b.t.Fatalf("waiting for %s: %v\nproblems in the page: %q\nthe page shows: %s", js, err, problems, text)
	}
	b.check()
}

// open goes to a hash route and waits until the view is rendered and
// the selector is present.
func (b *browser) open(hash, selector string) {
	b.t.Helper()
	b.do(chromedp.Evaluate[chromedp.Void](fmt.Sprintf(`location.hash = %q`, hash)))
	b.ready(selector)
}

// rendered is true once the page shows the view of the current hash.
const rendered = `(document.querySelector('main').dataset.rendered === location.hash && !document.querySelector('main[aria-busy]'))`

// ready waits until the view of the current hash is rendered and the
// selector is present.
func (b *browser) ready(selector string) {
	b.t.Helper()
	b.waitFor(fmt.Sprintf(`%s && document.querySelector(%q)`, rendered, selector))
}

// screenshot saves what the viewport shows at every size as
// testdata/screenshots/{name}-{w}x{h}.png and logs the paths.
func (b *browser) screenshot(name string) {
	b.t.Helper()
	require.NoError(b.t, os.MkdirAll(screenshotDir, 0o755))
	for _, vp := range viewports {
		b.do(chromedp.EmulateViewport(vp[0], vp[1]))
		png, err := chromedp.Run(b.ctx, chromedp.CaptureScreenshot())
		require.NoError(b.t, err)
		path := filepath.Join(screenshotDir, fmt.Sprintf("%s-%dx%d.png", name, vp[0], vp[1]))
		require.NoError(b.t, os.WriteFile(path, png, 0o644))
		abs, _ := filepath.Abs(path)
		b.t.Logf("screenshot: %s", abs)
	}
	b.do(chromedp.EmulateViewport(viewports[0][0], viewports[0][1]))
}

// text is the trimmed text content of the first element the selector
// matches ("" when none does).
func (b *browser) text(selector string) string {
	b.t.Helper()
	return strings.TrimSpace(eval[string](b, fmt.Sprintf(`(document.querySelector(%q) || {}).textContent || ''`, selector)))
}

func (b *browser) count(selector string) int {
	b.t.Helper()
	return eval[int](b, fmt.Sprintf(`document.querySelectorAll(%q).length`, selector))
}
