package main

import (
	"context"
	"errors"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/concord-ibm/concord/internal/corpus"
	"github.com/jackc/pgx/v5"
)

// postgres is a throwaway PostgreSQL server in a temporary directory on
// a free loopback port, run as an unprivileged user when we are root.
type postgres struct {
	bin  string // directory of initdb, pg_ctl, postgres
	dir  string // the cluster
	port int
	as   []string // command prefix that drops root ("setpriv …"), or nil
}

// findPostgres looks for the server's programs in PATH, then in the usual
// places; "" when there is none.
func findPostgres() string {
	if p, err := exec.LookPath("pg_ctl"); err == nil {
		if _, err := exec.LookPath("initdb"); err == nil {
			return filepath.Dir(p)
		}
	}
	cands := []string{"/usr/local/bin", "/usr/local/pgsql/bin"}
	if ms, _ := filepath.Glob("/usr/lib/postgresql/*/bin"); len(ms) > 0 {
		cands = append(cands, ms[len(ms)-1])
	}
	for _, d := range cands {
		if isFile(filepath.Join(d, "pg_ctl")) && isFile(filepath.Join(d, "initdb")) && isFile(filepath.Join(d, "postgres")) {
			return d
		}
	}
	return ""
}

func isFile(p string) bool {
	st, err := os.Stat(p)
	return err == nil && !st.IsDir()
}

// startPostgres initdbs a cluster under dir and starts it. As root, the
// cluster belongs to "nobody" and the programs run through setpriv.
func startPostgres(ctx context.Context, bin, dir string) (*postgres, error) {
	pg := &postgres{bin: bin, dir: filepath.Join(dir, "cluster")}
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	if os.Geteuid() == 0 {
		setpriv, err := exec.LookPath("setpriv")
		if err != nil {
			return nil, errors.New("running as root and setpriv not found: cannot drop to an unprivileged user for postgres")
		}
		pg.as = []string{setpriv, "--reuid=65534", "--regid=65534", "--clear-groups", "--"}
		if err := os.Chown(dir, 65534, 65534); err != nil {
			return nil, err
		}
		// nobody must reach dir through its parents.
		for p := filepath.Dir(dir); p != "/"; p = filepath.Dir(p) {
			if st, err := os.Stat(p); err == nil && st.Mode().Perm()&0o001 == 0 {
				if err := os.Chmod(p, st.Mode().Perm()|0o001); err != nil {
					return nil, err
				}
			}
		}
	}
	addr, err := freeAddr()
	if err != nil {
		return nil, err
	}
	pg.port, _ = strconv.Atoi(addr[strings.LastIndexByte(addr, ':')+1:])
	if out, err := pg.run(ctx, "initdb", "-D", pg.dir, "-U", "bench", "--auth=trust", "-E", "UTF8", "--locale=C.UTF-8", "--no-sync"); err != nil {
		return nil, fmt.Errorf("initdb: %v: %s", err, out)
	}
	opts := fmt.Sprintf("-p %d -k %s -c listen_addresses=127.0.0.1 -c shared_buffers=512MB -c maintenance_work_mem=512MB -c work_mem=64MB -c max_wal_size=4GB -c fsync=on", pg.port, dir)
	if out, err := pg.run(ctx, "pg_ctl", "-D", pg.dir, "-l", filepath.Join(dir, "postgres.log"), "-o", opts, "-w", "-t", "120", "start"); err != nil {
		return nil, fmt.Errorf("pg_ctl start: %v: %s", err, out)
	}
	return pg, nil
}

func (pg *postgres) run(ctx context.Context, prog string, args ...string) (string, error) {
	argv := append(append(append([]string{}, pg.as...), filepath.Join(pg.bin, prog)), args...)
	cmd := exec.CommandContext(ctx, argv[0], argv[1:]...)
	cmd.Dir = "/"
	cmd.Env = append(os.Environ(), "LC_ALL=C.UTF-8")
	out, err := cmd.CombinedOutput()
	return string(out), err
}

func (pg *postgres) stop() error {
	out, err := pg.run(context.Background(), "pg_ctl", "-D", pg.dir, "-m", "fast", "-w", "stop")
	if err != nil {
		return fmt.Errorf("pg_ctl stop: %v: %s", err, out)
	}
	return nil
}

func (pg *postgres) connect(ctx context.Context) (*pgx.Conn, error) {
	return pgx.Connect(ctx, fmt.Sprintf("postgres://bench@127.0.0.1:%d/postgres?sslmode=disable", pg.port))
}

// pgSchema: the module's text with a stored tsvector ('simple': the
// corpus is multilingual and PostgreSQL has no stemmer for most of its
// languages) and the facet columns.
const pgSchema = `CREATE TABLE modules (
	name text PRIMARY KEY, academy text NOT NULL, country text NOT NULL, language text NOT NULL, body text NOT NULL,
	tsv tsvector GENERATED ALWAYS AS (to_tsvector('simple', body)) STORED)`

// loadPostgres COPYs the corpus into the modules table and builds the
// GIN index, timing each (generating the modules is not timed).
func loadPostgres(ctx context.Context, conn *pgx.Conn, cfg corpus.Config, progress func(string)) (load, index time.Duration, err error) {
	if _, err := conn.Exec(ctx, pgSchema); err != nil {
		return 0, 0, err
	}
	n := 0
	err = batches(ctx, cfg, 10*floorBatch, func(ds []doc) error {
		rows := make([][]any, len(ds))
		for i, d := range ds {
			m := d.module
			academy := strings.SplitN(m.Name, "/", 3)[1]
			rows[i] = []any{m.Name, academy, d.country, m.Language, moduleText(m)}
		}
		t := time.Now()
		_, err := conn.CopyFrom(ctx, pgx.Identifier{"modules"}, []string{"name", "academy", "country", "language", "body"}, pgx.CopyFromRows(rows))
		load += time.Since(t)
		n += len(ds)
		if n%(50*floorBatch) == 0 {
			progress(fmt.Sprintf("peer postgres: %d/%d loaded (%.0f/s)", n, cfg.Modules, float64(n)/load.Seconds()))
		}
		return err
	})
	if err != nil {
		return 0, 0, err
	}
	t := time.Now()
	if _, err := conn.Exec(ctx, `CREATE INDEX modules_tsv ON modules USING gin (tsv)`); err != nil {
		return 0, 0, err
	}
	if _, err := conn.Exec(ctx, `ANALYZE modules`); err != nil {
		return 0, 0, err
	}
	return load, time.Since(t), nil
}

// pgQuery turns a query of the set into websearch_to_tsquery's syntax:
// words are ORed, as Concord and bleve's query strings do (websearch
// would AND them); phrases stay phrases; a prefix's * is dropped.
func pgQuery(text string) string {
	if strings.HasPrefix(text, `"`) {
		return text
	}
	return strings.Join(strings.Fields(strings.TrimSuffix(text, "*")), " or ")
}

const (
	pgTop = `SELECT name, ts_rank(tsv, q) AS rank FROM modules, websearch_to_tsquery('simple', $1) q
		WHERE tsv @@ q ORDER BY rank DESC LIMIT 10`
	pgTopFiltered = `SELECT name, ts_rank(tsv, q) AS rank FROM modules, websearch_to_tsquery('simple', $1) q
		WHERE tsv @@ q AND language = $2 ORDER BY rank DESC LIMIT 10`
	pgFacet = `SELECT %s, count(*) FROM modules, websearch_to_tsquery('simple', $1) q
		WHERE tsv @@ q GROUP BY 1 ORDER BY 2 DESC LIMIT 10`
)

// pgSearcher runs the query set's classes: top 10 by ts_rank; with facets,
// also a count per country and per language over every hit; with a
// filter, on the query's language.
func pgSearcher(conn *pgx.Conn) searcher {
	drain := func(rows pgx.Rows, err error) error {
		if err != nil {
			return err
		}
		for rows.Next() {
		}
		rows.Close()
		return rows.Err()
	}
	return func(ctx context.Context, class queryClass, q corpus.Query) error {
		text := pgQuery(q.Text)
		if class == classFilter {
			return drain(conn.Query(ctx, pgTopFiltered, text, q.Language))
		}
		if err := drain(conn.Query(ctx, pgTop, text)); err != nil {
			return err
		}
		if class == classFacets {
			for _, f := range searchFacets {
				if err := drain(conn.Query(ctx, fmt.Sprintf(pgFacet, f), text)); err != nil {
					return err
				}
			}
		}
		return nil
	}
}
