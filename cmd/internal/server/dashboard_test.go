package server

import (
	"fmt"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
	"github.com/chromedp/chromedp/kb"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/services"
	"github.com/stretchr/testify/require"
)

// coverageJSON is the part of GET …:coverage the dashboard tests compare.
type coverageJSON struct {
	Members []struct {
		Member string `json:"member"`
	} `json:"members"`
	Rows []struct {
		Competency struct {
			Name string `json:"name"`
			Code string `json:"code"`
		} `json:"competency"`
		Parent string `json:"parent"`
		Leaf   bool   `json:"leaf"`
		Cells  []struct {
			Depth   string   `json:"depth"`
			Hours   float64  `json:"hours"`
			Modules []string `json:"modules"`
		} `json:"cells"`
	} `json:"rows"`
}

var depthSymbol = map[string]string{"": "–", "DEPTH_UNSPECIFIED": "–", "INTRODUCED": "I", "REINFORCED": "R", "MASTERED": "M"}

func TestDashboardServed(t *testing.T) {
	ts := startServer(t)
	resp, err := http.Get(ts.base + "/")
	require.NoError(t, err)
	resp.Body.Close()
	require.Equal(t, http.StatusOK, resp.StatusCode)
	require.Equal(t, "text/html; charset=utf-8", resp.Header.Get("Content-Type"))
	require.Contains(t, resp.Header.Get("Content-Security-Policy"), "script-src 'self'")
	for path, want := range map[string]int{"/ui/js/app.js": 200, "/ui/app.css": 200, "/ui/js/": 404, "/ui/": 404, "/ui/nope.js": 404} {
		resp, err := http.Get(ts.base + path)
		require.NoError(t, err)
		resp.Body.Close()
		require.Equal(t, want, resp.StatusCode, path)
	}
}

func TestDashboardInBrowser(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Demo = true })
	var cov coverageJSON
	require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/programmes/central-asia:coverage", nil, &cov))
	members := len(cov.Members)
	leaves, areas := 0, 0
	children := map[string]int{}
	for _, r := range cov.Rows {
		if r.Leaf {
			leaves++
		} else {
			areas++
		}
		children[r.Parent]++
	}
	require.Equal(t, 5, members)

	b := openBrowser(t, ts.base, "#/")

	t.Run("overview heatmap: one cell per competency × member", func(t *testing.T) {
		b.ready("#heatmap td[data-cell]")
		got := eval[struct {
			Leaf, Area, Pairs, Rows, Columns int
			Cells                            [][3]string
		}](b, `(() => {
			const cells = [...document.querySelectorAll('#heatmap td[data-cell]')];
			return {
				Leaf: cells.filter((c) => c.dataset.kind === 'leaf').length,
				Area: cells.filter((c) => c.dataset.kind === 'area').length,
				Pairs: new Set(cells.map((c) => c.dataset.row + '|' + c.dataset.member)).size,
				Rows: document.querySelectorAll('#heatmap tbody tr').length,
				Columns: document.querySelectorAll('#heatmap thead th.member-col').length,
				Cells: cells.map((c) => [c.dataset.row, c.dataset.member, c.textContent.trim()]),
			};
		})()`)
		t.Logf("heatmap: %d leaf cells (%d competencies × %d members), %d area cells (%d areas × %d members), %d distinct (row, member) pairs",
			got.Leaf, leaves, members, got.Area, areas, members, got.Pairs)
		require.Equal(t, leaves*members, got.Leaf, "one cell per leaf competency × member")
		require.Equal(t, areas*members, got.Area, "one aggregate cell per area × member")
		require.Equal(t, len(cov.Rows)*members, got.Pairs, "no (competency, member) twice")
		require.Equal(t, len(cov.Rows), got.Rows)
		require.Equal(t, members, got.Columns)
		// Every cell shows the depth the API gives, as a symbol.
		want := map[string]string{}
		for _, r := range cov.Rows {
			for i, c := range r.Cells {
				want[fmt.Sprintf("%s|%d", r.Competency.Name, i)] = depthSymbol[c.Depth]
			}
		}
		for _, c := range got.Cells {
			require.Equal(t, want[c[0]+"|"+c[1]], c[2], "cell %s × member %s", c[0], c[1])
		}
		require.Equal(t, members, b.count("#index-table tbody tr"))
		b.screenshot("overview")
	})

	t.Run("fold and unfold an area", func(t *testing.T) {
		area := cov.Rows[0].Competency.Name
		btn := fmt.Sprintf(`#heatmap button.fold[data-area=%q]`, area)
		visibleLeafCells := `document.querySelectorAll('#heatmap tr:not([hidden]) td[data-kind="leaf"]').length`
		require.Equal(t, "true", eval[string](b, fmt.Sprintf(`document.querySelector(%q).getAttribute('aria-expanded')`, btn)))
		b.do(chromedp.Click(chromedp.CSS(btn)))
		require.Equal(t, "false", eval[string](b, fmt.Sprintf(`document.querySelector(%q).getAttribute('aria-expanded')`, btn)))
		require.Equal(t, (leaves-children[area])*members, eval[int](b, visibleLeafCells), "folding %s hides its %d competencies", area, children[area])
		require.Equal(t, areas*members, eval[int](b, `document.querySelectorAll('#heatmap tr:not([hidden]) td[data-kind="area"]').length`))
		b.screenshot("overview-folded")
		b.do(chromedp.Click(chromedp.CSS(btn)))
		require.Equal(t, leaves*members, eval[int](b, visibleLeafCells))
		b.do(chromedp.Click(chromedp.CSS("#fold-all")))
		require.Equal(t, 0, eval[int](b, visibleLeafCells))
		b.do(chromedp.Click(chromedp.CSS("#unfold-all")))
		require.Equal(t, leaves*members, eval[int](b, visibleLeafCells))
		b.check()
	})

	t.Run("keyboard to a cell and its tooltip", func(t *testing.T) {
		// From the toolbar, Tab passes the "Fold all" button and the first
		// area's fold button, then enters the grid at its first cell.
		b.do(chromedp.Focus(chromedp.CSS("#unfold-all")), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab), chromedp.KeyEvent(kb.Tab))
		require.Equal(t, cov.Rows[0].Competency.Name+"|0", eval[string](b, `document.activeElement.dataset.row + '|' + document.activeElement.dataset.member`))
		b.do(chromedp.KeyEvent(kb.ArrowDown), chromedp.KeyEvent(kb.ArrowRight), chromedp.KeyEvent(kb.ArrowRight))
		row := cov.Rows[1]
		require.Equal(t, row.Competency.Name+"|2", eval[string](b, `document.activeElement.dataset.row + '|' + document.activeElement.dataset.member`))
		b.waitFor(`!document.getElementById('cell-tooltip').hidden`)
		tip := b.text("#cell-tooltip")
		require.Contains(t, tip, row.Competency.Code)
		require.Contains(t, tip, "TJ basic-2024")
		require.Contains(t, tip, fmt.Sprintf("%d contributing module", len(row.Cells[2].Modules)))
		require.Equal(t, "cell-tooltip", eval[string](b, `document.activeElement.getAttribute('aria-describedby')`))
		b.screenshot("overview-tooltip")
		b.do(chromedp.KeyEvent(kb.Enter))
		require.Contains(t, b.text("#cell-detail"), "Selected cell")
		require.Contains(t, b.text("#cell-detail"), row.Competency.Code)
	})

	t.Run("a member's gaps", func(t *testing.T) {
		var all struct {
			TotalSize int `json:"totalSize"`
		}
		require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/programmes/central-asia:gaps?member="+url.QueryEscape(tjBasic), nil, &all))
		b.do(chromedp.Click(chromedp.CSS(`#index-table a[href*="tj-border-academy"]`)))
		b.ready(".view.gaps .gaps-table")
		require.Equal(t, all.TotalSize, b.count(".gaps-table tbody tr"))
		require.Equal(t, fmt.Sprintf("%d gaps listed.", all.TotalSize), b.text("#gaps-total"))
		t.Logf("gaps of %s: %d rows", tjBasic, all.TotalSize)
		b.screenshot("gaps")

		var missing struct {
			TotalSize int `json:"totalSize"`
		}
		require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/programmes/central-asia:gaps?kind=MISSING&member="+url.QueryEscape(tjBasic), nil, &missing))
		b.do(chromedp.SetValue(chromedp.CSS("#gaps-kind"), "MISSING"), chromedp.Click(chromedp.CSS(`#gaps-filters button[type="submit"]`)))
		b.waitFor(`location.hash.includes('kind=MISSING') && ` + rendered + ` && document.querySelector('#gaps-total')`)
		require.Equal(t, missing.TotalSize, b.count(`.gaps-table tbody tr[data-kind="MISSING"]`))
		require.Equal(t, missing.TotalSize, b.count(`.gaps-table tbody tr`))
		require.Less(t, missing.TotalSize, all.TotalSize)
	})

	t.Run("diff of two curricula", func(t *testing.T) {
		var d struct {
			OnlyLeft  []any `json:"onlyLeft"`
			OnlyRight []any `json:"onlyRight"`
			Both      []any `json:"both"`
		}
		require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/"+kzBasic+":diff?other="+url.QueryEscape(tjBasic), nil, &d))
		b.open("#/diff", "#diff-form")
		b.do(chromedp.SetValue(chromedp.CSS("#left"), kzBasic), chromedp.SetValue(chromedp.CSS("#right"), tjBasic),
			chromedp.Click(chromedp.CSS(`#diff-form button[type="submit"]`)))
		b.waitFor(`location.hash.includes('tj-border-academy') && ` + rendered + ` && document.querySelector('#diff-summary')`)
		require.Equal(t, len(d.OnlyLeft), b.count("#only-left-table tbody tr"))
		require.Equal(t, len(d.OnlyRight), b.count("#only-right-table tbody tr"))
		require.Equal(t, len(d.Both), b.count("#both-table tbody tr"))
		t.Logf("diff KZ → TJ: %d only left, %d only right, %d both", len(d.OnlyLeft), len(d.OnlyRight), len(d.Both))
		b.screenshot("diff")
	})

	t.Run("progress across snapshots", func(t *testing.T) {
		var snaps struct {
			Snapshots []struct {
				Members []struct {
					Member string  `json:"member"`
					Index  float64 `json:"index"`
				} `json:"members"`
			} `json:"snapshots"`
		}
		require.Equal(t, http.StatusOK, ts.rest(t, "GET", "/v1/programmes/central-asia/snapshots", nil, &snaps))
		require.GreaterOrEqual(t, len(snaps.Snapshots), 2, "the demo seeds a baseline and a current snapshot")
		b.open("#/programme/central-asia/progress", "#progress-chart")
		require.Equal(t, members, b.count("#progress-chart polyline.series"))
		require.Equal(t, members+1, b.count("#progress-table tbody tr"))
		require.Equal(t, len(snaps.Snapshots), b.count("#progress-table thead th.num"))
		// KZ's line joins its 2019 edition (baseline) to the 2024 one.
		first := snaps.Snapshots[0].Members[0]
		require.Equal(t, "academies/kz-border-academy/curricula/basic-2019", first.Member)
		kz := eval[[]string](b, fmt.Sprintf(`[...document.querySelectorAll('#progress-table tr[data-member=%q] td')].map((td) => td.textContent)`, kzBasic))
		require.Len(t, kz, len(snaps.Snapshots))
		require.Equal(t, fmt.Sprintf("%.1f", first.Index), kz[0])
		b.screenshot("progress")
	})

	t.Run("search, facet, module detail", func(t *testing.T) {
		var api struct {
			TotalSize int `json:"totalSize"`
		}
		status := ts.rest(t, "GET", "/v1/modules:search?query=document", nil, &api)
		require.Equal(t, http.StatusOK, status, "GET /v1/modules:search (SearchService, branch search-api)")
		b.open("#/search", "#search-form")
		b.do(chromedp.SendKeys(chromedp.CSS("#search-q"), "document"), chromedp.KeyEvent(kb.Enter))
		b.waitFor(`location.hash.includes('q=document') && ` + rendered + ` && document.querySelector('#search-total')`)
		require.Equal(t, fmt.Sprint(api.TotalSize), eval[string](b, `document.querySelector('#search-total').dataset.total`))
		require.Positive(t, b.count("#hits .hit"))
		require.Positive(t, b.count("#hits .snippet mark"), "highlighted snippets")
		require.Zero(t, b.count("#hits .snippet :not(mark):not(span)"), "only <mark> from the server's fragments")
		b.screenshot("search")

		facet := `.facet[data-facet="language"] button.facet-value`
		want := eval[string](b, fmt.Sprintf(`document.querySelector(%q).querySelector('.count').textContent`, facet))
		value := eval[string](b, fmt.Sprintf(`document.querySelector(%q).dataset.value`, facet))
		b.do(chromedp.Click(chromedp.CSS(facet)))
		b.waitFor(`location.hash.includes('language=') && ` + rendered + ` && document.querySelector('#search-total')`)
		got := eval[string](b, `document.querySelector('#search-total').dataset.total`)
		require.Equal(t, want, got, "the facet's count is the filtered hit count")
		t.Logf("search 'document': %d hits; language=%s: %s hits", api.TotalSize, value, got)
		require.Equal(t, "true", eval[string](b, fmt.Sprintf(`document.querySelector('%s[data-value=%q]').getAttribute('aria-pressed')`, `.facet[data-facet="language"] button.facet-value`, value)))
		b.screenshot("search-facet")

		b.do(chromedp.Click(chromedp.CSS("#hits .hit h3 a")))
		b.ready("#alignments")
		require.Positive(t, b.count("#alignments tbody tr"))
		b.screenshot("module")
	})

	t.Run("right-to-left titles and a Persian member", func(t *testing.T) {
		b.do(chromedp.SetValue(chromedp.CSS("#ui-lang"), "fa"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById('ui-lang').dispatchEvent(new Event('change'))`))
		b.open("#/programme/silk-routes", "#heatmap td[data-cell]")
		b.waitFor(`document.querySelector('#heatmap tbody th [lang="fa"]')`)
		require.Equal(t, "rtl", eval[string](b, `document.querySelector('#heatmap tbody th [lang="fa"]').getAttribute('dir')`))
		require.Positive(t, b.count(`#index-table [dir="rtl"]`), "Persian and Arabic curriculum titles run right to left")
		b.screenshot("overview-silk-routes-fa")
		b.open("#/programme/silk-routes/gaps?member=af-border-police-academy", ".gaps-table")
		b.screenshot("gaps-af-fa")
		b.do(chromedp.SetValue(chromedp.CSS("#ui-lang"), "en"),
			chromedp.Evaluate[chromedp.Void](`document.getElementById('ui-lang').dispatchEvent(new Event('change'))`))
		b.check()
	})
}

func TestDashboardSignIn(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Demo = true })
	secret, err := services.NewSecret()
	require.NoError(t, err)
	require.NoError(t, ts.store.CreateToken(t.Context(), &curricula.Token{Name: "coord", Role: curricula.RoleCoordinator, Hash: services.HashSecret(secret)}))
	require.Equal(t, http.StatusUnauthorized, ts.rest(t, "GET", "/v1/programmes", nil, nil))

	b := openBrowser(t, ts.base, "#/programme/central-asia")
	b.ready("#signin-form")
	require.True(t, eval[bool](b, `document.getElementById('sign-out').hidden`))
	b.screenshot("signin")

	b.do(chromedp.SendKeys(chromedp.CSS("#token"), "cnc_wrong"), chromedp.KeyEvent(kb.Enter))
	b.waitFor(rendered + ` && document.querySelector('#signin-message') && document.querySelector('#signin-message').textContent.includes('refused')`)

	b.do(chromedp.SendKeys(chromedp.CSS("#token"), secret), chromedp.Click(chromedp.CSS(`#signin-form button[type="submit"]`)))
	b.ready("#heatmap td[data-cell]")
	require.Equal(t, secret, eval[string](b, `sessionStorage.getItem('concord.token')`))
	require.False(t, eval[bool](b, `document.getElementById('sign-out').hidden`))
	require.True(t, strings.HasPrefix(b.text("h1"), "Гармонизация"))

	b.do(chromedp.Click(chromedp.CSS("#sign-out")))
	b.ready("#signin-form")
	require.Equal(t, "", eval[string](b, `sessionStorage.getItem('concord.token') || ''`))
}

// TestDashboardSearchView checks the search view against the response
// shape search.proto fixes, with GET /v1/modules:search answered inside
// the page (every other call reaches the real server): hostile markup in
// the fragments stays text, only <mark> survives, a facet filters and the
// pager follows next_page_token. TestDashboardInBrowser runs the same view
// against the real SearchService.
func TestDashboardSearchView(t *testing.T) {
	ts := startServer(t, func(c *Config) { c.Demo = true })
	b := openBrowser(t, ts.base, "#/search")
	b.ready("#search-form")
	b.do(chromedp.Evaluate[chromedp.Void](`(() => {
		const real = window.fetch;
		window.searchCalls = [];
		window.fetch = (url, init) => {
			if (!String(url).includes('/v1/modules:search')) return real(url, init);
			const q = new URL(url, location.href).searchParams;
			window.searchCalls.push(q.toString());
			const ru = q.getAll('languages').includes('ru');
			const page2 = q.get('page_token') === 'p2';
			const hit = (id, lang, title) => ({
				module: { name: 'academies/kz-border-academy/curricula/basic-2024/modules/' + id, code: 'ПК-' + id, title, language: lang, hours: 24 },
				score: 1.5,
				highlights: [{ field: 'description', fragments: ['<script>window.pwned = 1</script> the <mark>document</mark> check <img src=x onerror="window.pwned=2"> &lt;b&gt;'] }],
				matchedText: true,
				matchedCompetencies: ['frameworks/ibm-core/competencies/bc-03'],
			});
			const body = {
				hits: page2 ? [hit('p2', 'en', 'Second page')] : ru ? [hit('biometrics', 'ru', 'Биометрическая верификация')] : [hit('biometrics', 'ru', 'Биометрическая верификация'), hit('fa', 'fa', 'بررسی اسناد سفر')],
				totalSize: ru ? 1 : 12,
				facets: [{ facet: 'language', values: [{ value: 'ru', count: 1 }, { value: 'fa', count: 11 }] },
					{ facet: 'competency', values: [{ value: 'frameworks/ibm-core/competencies/bc-03', count: 12 }] }],
				nextPageToken: ru || page2 ? '' : 'p2',
				matchedCompetencies: ['frameworks/ibm-core/competencies/bc-03'],
			};
			return Promise.resolve(new Response(JSON.stringify(body), { status: 200, headers: { 'Content-Type': 'application/json' } }));
		};
	})()`))
	b.do(chromedp.SendKeys(chromedp.CSS("#search-q"), "document"), chromedp.KeyEvent(kb.Enter))
	b.waitFor(`location.hash.includes('q=document') && ` + rendered + ` && document.querySelector('#search-total')`)
	require.Equal(t, "12", eval[string](b, `document.querySelector('#search-total').dataset.total`))
	require.Equal(t, 2, b.count("#hits .hit"))
	require.Equal(t, 2, b.count("#hits .snippet mark"))
	require.Zero(t, b.count("#hits script, #hits img, #hits b"), "fragments' markup other than <mark> stays text")
	require.Contains(t, b.text("#hits .snippet"), "<script>window.pwned = 1</script>")
	require.False(t, eval[bool](b, `'pwned' in window`))
	require.Equal(t, "rtl", eval[string](b, `document.querySelectorAll('#hits .snippet > span[lang]')[1].getAttribute('dir')`), "a Persian module's snippet runs right to left")
	require.Contains(t, b.text("#hits .why"), "BC-03", "why: the competency through which it matched")
	b.screenshot("search-view")

	b.do(chromedp.Click(chromedp.CSS(`#next-page`)))
	b.waitFor(`location.hash.includes('page=2') && ` + rendered + ` && document.querySelector('#hits .hit')`)
	require.Contains(t, b.text("#hits"), "Second page")
	require.Contains(t, eval[string](b, `window.searchCalls.at(-1)`), "page_token=p2")

	b.do(chromedp.Click(chromedp.CSS(`.facet[data-facet="language"] button[data-value="ru"]`)))
	b.waitFor(`location.hash.includes('language=ru') && ` + rendered + ` && document.querySelector('#search-total')`)
	require.Equal(t, "1", eval[string](b, `document.querySelector('#search-total').dataset.total`))
	require.Equal(t, "true", eval[string](b, `document.querySelector('.facet[data-facet="language"] button[data-value="ru"]').getAttribute('aria-pressed')`))
	call := eval[string](b, `window.searchCalls.at(-1)`)
	require.Contains(t, call, "languages=ru")
	require.NotContains(t, call, "page_token", "a new filter starts at the first page")
}
