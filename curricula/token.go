package curricula

import (
	"context"
	"fmt"
	"slices"
	"time"
)

// KindToken is the kind of the change-log entries that record token
// management ("tokens/{token}"). Tokens are not resources: they are not in
// Kinds and have no Get/List through a Tx.
const KindToken Kind = "Token"

// Offline is the principal of the CLI when it manages tokens directly in
// a stopped server's data file.
var Offline = Principal{Subject: "offline", Role: RoleAdmin}

// reservedSubjects cannot be token names: they are the principals of
// writes made without a token ("system" is the store's default).
var reservedSubjects = []string{Anonymous.Subject, Offline.Subject, "system"}

// Token is an API bearer token as the server keeps it. The secret itself
// is never stored: Hash is its SHA-256 (hex), computed by the services.
// The token's name is the subject of the principal it authenticates.
type Token struct {
	Name string `json:"name"` // the ID, e.g. "kz-editor"
	Role Role   `json:"role"`
	// Academies are the academy IDs an editor may write; only editors have
	// them.
	Academies  []string  `json:"academies,omitempty"`
	Hash       string    `json:"hash"`
	CreateTime time.Time `json:"create_time"`
	Creator    string    `json:"creator,omitempty"`
	RevokeTime time.Time `json:"revoke_time,omitzero"`
	Revoker    string    `json:"revoker,omitempty"`
}

// Revoked reports whether the token has been revoked.
func (t *Token) Revoked() bool { return !t.RevokeTime.IsZero() }

// Principal is the identity a request bearing this token acts as.
func (t *Token) Principal() Principal {
	return Principal{Subject: t.Name, Role: t.Role, Academies: slices.Clone(t.Academies)}
}

// Roles lists every role, from most to least powerful.
var Roles = []Role{RoleAdmin, RoleCoordinator, RoleEditor, RoleViewer}

// Validate checks a token before it is stored: a valid ID that is not a
// reserved subject, a known role, academies for an editor and for no one
// else, and a 64-hex-digit hash.
func (t *Token) Validate() error {
	var vs Violations
	switch {
	case !ValidID(t.Name):
		vs.Add("token_id", "%q must be 1–63 lower-case letters, digits or hyphens, starting with a letter", t.Name)
	case slices.Contains(reservedSubjects, t.Name):
		vs.Add("token_id", "%q is reserved", t.Name)
	}
	if !slices.Contains(Roles, t.Role) {
		vs.Add("role", "%q is not one of admin, coordinator, editor, viewer", t.Role)
	}
	switch {
	case t.Role == RoleEditor && len(t.Academies) == 0:
		vs.Add("academies", "an editor needs at least one academy")
	case t.Role != RoleEditor && len(t.Academies) > 0:
		vs.Add("academies", "only an editor is granted academies (a %s reads or writes them all by role)", t.Role)
	}
	for i, a := range t.Academies {
		if !ValidID(a) {
			vs.Add(fmt.Sprintf("academies[%d]", i), "%q is not an academy ID", a)
		}
	}
	if len(t.Hash) != 64 {
		vs.Add("hash", "must be a hex SHA-256")
	}
	return vs.Err()
}

// TokenStore keeps the API tokens. The storage package implements it in
// the same file as the Store.
//
// Contract:
//   - CreateToken stores a new token (EEXISTS for a taken name or hash)
//     and RevokeToken stamps RevokeTime and Revoker (ENOTFOUND for an
//     unknown name, EPRECONDITION when already revoked); each also
//     appends a change of KindToken ("tokens/{name}") to the change log,
//     stamped with the principal of ctx, in the same transaction.
//   - TokenByHash returns the token with that hash, revoked or not;
//     ENOTFOUND when there is none.
//   - Tokens lists every token, revoked ones included, by name.
//   - HasTokens reports whether any token, revoked or not, was ever made.
type TokenStore interface {
	CreateToken(ctx context.Context, t *Token) error
	RevokeToken(ctx context.Context, name string) (*Token, error)
	TokenByHash(ctx context.Context, hash string) (*Token, error)
	Tokens(ctx context.Context) ([]*Token, error)
	HasTokens(ctx context.Context) (bool, error)
}

// TokenName formats the name of a token in the change log and the API.
func TokenName(id string) string { return "tokens/" + id }
