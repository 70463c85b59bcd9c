package storage_test

import (
	"crypto/sha256"
	"encoding/hex"
	"os"
	"path/filepath"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
	bolt "go.etcd.io/bbolt"
)

func hashOf(s string) string {
	h := sha256.Sum256([]byte(s))
	return hex.EncodeToString(h[:])
}

func TestTokens(t *testing.T) {
	db := open(t, filepath.Join(t.TempDir(), "concord.db"), storage.Options{})
	ctx := t.Context()
	as := func(subject string) curricula.Principal {
		return curricula.Principal{Subject: subject, Role: curricula.RoleAdmin}
	}
	alice := curricula.NewContext(ctx, as("alice"))

	has, err := db.HasTokens(ctx)
	require.NoError(t, err)
	require.False(t, has)
	_, err = db.TokenByHash(ctx, hashOf("nothing"))
	require.Equal(t, curricula.ENOTFOUND, curricula.ErrorCode(err), "before any token bucket exists")

	editor := &curricula.Token{Name: "kz-editor", Role: curricula.RoleEditor, Academies: []string{"kz-border-academy"}, Hash: hashOf("s1")}
	require.NoError(t, db.CreateToken(alice, editor))
	require.Equal(t, "alice", editor.Creator)
	require.False(t, editor.CreateTime.IsZero())

	cases := []struct {
		name string
		tok  curricula.Token
		code curricula.Code
	}{
		{"same name", curricula.Token{Name: "kz-editor", Role: curricula.RoleViewer, Hash: hashOf("s2")}, curricula.EEXISTS},
		{"same secret", curricula.Token{Name: "other", Role: curricula.RoleViewer, Hash: hashOf("s1")}, curricula.EEXISTS},
		{"reserved name", curricula.Token{Name: "anonymous", Role: curricula.RoleViewer, Hash: hashOf("s3")}, curricula.EINVALID},
		{"editor without academy", curricula.Token{Name: "e2", Role: curricula.RoleEditor, Hash: hashOf("s4")}, curricula.EINVALID},
		{"viewer with academy", curricula.Token{Name: "v2", Role: curricula.RoleViewer, Academies: []string{"kz"}, Hash: hashOf("s5")}, curricula.EINVALID},
		{"unknown role", curricula.Token{Name: "r2", Role: "root", Hash: hashOf("s6")}, curricula.EINVALID},
		{"no hash", curricula.Token{Name: "h2", Role: curricula.RoleViewer}, curricula.EINVALID},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			tok := tc.tok
			require.Equal(t, tc.code, curricula.ErrorCode(db.CreateToken(alice, &tok)))
		})
	}

	got, err := db.TokenByHash(ctx, hashOf("s1"))
	require.NoError(t, err)
	require.Equal(t, curricula.Principal{Subject: "kz-editor", Role: curricula.RoleEditor, Academies: []string{"kz-border-academy"}}, got.Principal())
	has, err = db.HasTokens(ctx)
	require.NoError(t, err)
	require.True(t, has)

	bob := curricula.NewContext(ctx, as("bob"))
	revoked, err := db.RevokeToken(bob, "kz-editor")
	require.NoError(t, err)
	require.True(t, revoked.Revoked())
	require.Equal(t, "bob", revoked.Revoker)
	_, err = db.RevokeToken(bob, "kz-editor")
	require.Equal(t, curricula.EPRECONDITION, curricula.ErrorCode(err))
	_, err = db.RevokeToken(bob, "nobody")
	require.Equal(t, curricula.ENOTFOUND, curricula.ErrorCode(err))

	got, err = db.TokenByHash(ctx, hashOf("s1"))
	require.NoError(t, err)
	require.True(t, got.Revoked(), "a revoked token is still found, and known as revoked")
	all, err := db.Tokens(ctx)
	require.NoError(t, err)
	require.Len(t, all, 1)

	// Both writes are in the change log, with their principals; failed
	// ones are not.
	cs, err := db.Changes(ctx, 0, 10)
	require.NoError(t, err)
	require.Len(t, cs, 2)
	require.Equal(t, []string{"alice", "bob"}, []string{cs[0].Principal, cs[1].Principal})
	require.Equal(t, curricula.KindToken, cs[0].Kind)
	require.Equal(t, "tokens/kz-editor", cs[0].Name)
	require.Equal(t, curricula.OpUpdate, cs[1].Operation)
}

func TestTokensStoreOnlyTheHash(t *testing.T) {
	path := filepath.Join(t.TempDir(), "concord.db")
	db, err := storage.Open(path, storage.Options{})
	require.NoError(t, err)
	secret := "concord_this-is-the-secret-itself"
	require.NoError(t, db.CreateToken(t.Context(), &curricula.Token{Name: "ops", Role: curricula.RoleAdmin, Hash: hashOf(secret)}))
	require.NoError(t, db.Close())
	raw, err := os.ReadFile(path)
	require.NoError(t, err)
	require.NotContains(t, string(raw), secret)
	require.Contains(t, string(raw), hashOf(secret))
}

func TestVerify(t *testing.T) {
	dir := t.TempDir()
	good := filepath.Join(dir, "good.db")
	db, err := storage.Open(good, storage.Options{})
	require.NoError(t, err)
	require.NoError(t, db.Update(t.Context(), func(tx curricula.WriteTx) error {
		return tx.Create(&curricula.Academy{Meta: curricula.Meta{Name: "academies/kz"}, DisplayName: "KZ", Country: "KZ", Agency: curricula.AgencyBorderGuard})
	}))
	require.NoError(t, db.Close())
	st, err := storage.Verify(good, time.Second)
	require.NoError(t, err)
	require.Equal(t, uint64(1), st.LastSequence)
	require.Equal(t, 1, st.Resources[curricula.KindAcademy])
	before, err := os.ReadFile(good)
	require.NoError(t, err)
	after, err := os.ReadFile(good)
	require.NoError(t, err)
	require.Equal(t, before, after, "Verify does not write")

	garbage := filepath.Join(dir, "garbage.db")
	require.NoError(t, os.WriteFile(garbage, []byte("this is not a database"), 0o600))
	foreign := filepath.Join(dir, "foreign.db")
	bdb, err := bolt.Open(foreign, 0o600, nil)
	require.NoError(t, err)
	require.NoError(t, bdb.Update(func(tx *bolt.Tx) error { _, err := tx.CreateBucket([]byte("x")); return err }))
	require.NoError(t, bdb.Close())
	truncated := filepath.Join(dir, "truncated.db")
	require.NoError(t, os.WriteFile(truncated, before[:3*4096], 0o600))

	for _, tc := range []struct{ name, path, want string }{
		{"garbage", garbage, "not a concord data file"},
		{"foreign bbolt file", foreign, "no schema version"},
		{"truncated", truncated, "is truncated"},
		{"missing", filepath.Join(dir, "nope.db"), "no such file"},
		{"directory", dir, "is a directory"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			_, err := storage.Verify(tc.path, time.Second)
			require.ErrorContains(t, err, tc.want)
		})
	}
}
