package services

import (
	"context"
	"path/filepath"
	"testing"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/metadata"
)

func tokenStore(t *testing.T) *storage.DB {
	t.Helper()
	db, err := storage.Open(filepath.Join(t.TempDir(), "concord.db"), storage.Options{NoSync: true})
	require.NoError(t, err)
	t.Cleanup(func() { require.NoError(t, db.Close()) })
	return db
}

func withAuth(vals ...string) context.Context {
	md := metadata.MD{}
	for _, v := range vals {
		md.Append("authorization", v)
	}
	return metadata.NewIncomingContext(context.Background(), md)
}

func TestTokenAuth(t *testing.T) {
	db := tokenStore(t)
	mk := func(name string, role curricula.Role, academies ...string) string {
		secret, err := NewSecret()
		require.NoError(t, err)
		require.NoError(t, db.CreateToken(t.Context(), &curricula.Token{Name: name, Role: role, Academies: academies, Hash: HashSecret(secret)}))
		return secret
	}
	editor := mk("kz-editor", curricula.RoleEditor, "kz-border-academy")
	gone := mk("gone", curricula.RoleAdmin)
	_, err := db.RevokeToken(t.Context(), "gone")
	require.NoError(t, err)
	a := NewTokenAuth(db, false)

	cases := []struct {
		name string
		ctx  context.Context
		want string // subject, or a piece of the error
		ok   bool
	}{
		{"valid", withAuth("Bearer " + editor), "kz-editor", true},
		{"scheme in any case", withAuth("bearer  " + editor), "kz-editor", true},
		{"no header", withAuth(), "requires a bearer token", false},
		{"no metadata at all", context.Background(), "requires a bearer token", false},
		{"basic scheme", withAuth("Basic " + editor), `must be "Bearer TOKEN"`, false},
		{"empty token", withAuth("Bearer "), `must be "Bearer TOKEN"`, false},
		{"unknown token", withAuth("Bearer concord_guess"), "not valid", false},
		{"the hash is not the token", withAuth("Bearer " + HashSecret(editor)), "not valid", false},
		{"revoked", withAuth("Bearer " + gone), "revoked", false},
		{"two headers", withAuth("Bearer "+editor, "Bearer "+gone), "more than one", false},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			p, err := a.Authenticate(tc.ctx)
			if tc.ok {
				require.NoError(t, err)
				require.Equal(t, tc.want, p.Subject)
				require.Equal(t, []string{"kz-border-academy"}, p.Academies)
				return
			}
			require.Equal(t, curricula.EUNAUTHENTICATED, curricula.ErrorCode(err))
			require.ErrorContains(t, err, tc.want)
		})
	}
}

func TestTokenAuthOpenUntilTheFirstToken(t *testing.T) {
	db := tokenStore(t)
	a := NewTokenAuth(db, true)
	p, err := a.Authenticate(context.Background())
	require.NoError(t, err)
	require.Equal(t, curricula.Anonymous, p)

	secret, err := NewSecret()
	require.NoError(t, err)
	require.NoError(t, db.CreateToken(t.Context(), &curricula.Token{Name: "ops", Role: curricula.RoleAdmin, Hash: HashSecret(secret)}))
	_, err = a.Authenticate(context.Background())
	require.Equal(t, curricula.EUNAUTHENTICATED, curricula.ErrorCode(err), "closed once a token exists")
	p, err = a.Authenticate(withAuth("Bearer " + secret))
	require.NoError(t, err)
	require.Equal(t, "ops", p.Subject)

	_, err = db.RevokeToken(t.Context(), "ops")
	require.NoError(t, err)
	_, err = a.Authenticate(context.Background())
	require.Equal(t, curricula.EUNAUTHENTICATED, curricula.ErrorCode(err), "revoking every token does not open it again")
}

func TestSecrets(t *testing.T) {
	seen := map[string]bool{}
	for range 100 {
		s, err := NewSecret()
		require.NoError(t, err)
		require.Regexp(t, `^concord_[A-Za-z0-9_-]{43}$`, s)
		require.False(t, seen[s])
		seen[s] = true
		require.Len(t, HashSecret(s), 64)
	}
}
