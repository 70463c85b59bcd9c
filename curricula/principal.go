package curricula

import "context"

// Role is what a principal may do; see the services' policy.
type Role string

// Roles, from most to least powerful.
const (
	RoleAdmin       Role = "admin"
	RoleCoordinator Role = "coordinator"
	RoleEditor      Role = "editor"
	RoleViewer      Role = "viewer"
)

// Principal is the verified identity behind a request.
type Principal struct {
	Subject string
	Role    Role
	// Academies are the academy IDs an editor may write.
	Academies []string
}

// Anonymous is the principal of an unauthenticated server (loopback, no
// tokens configured).
var Anonymous = Principal{Subject: "anonymous", Role: RoleAdmin}

type principalKey struct{}

// NewContext returns ctx carrying p.
func NewContext(ctx context.Context, p Principal) context.Context {
	return context.WithValue(ctx, principalKey{}, p)
}

// PrincipalFrom returns the principal of ctx; ok is false when there is none.
func PrincipalFrom(ctx context.Context) (Principal, bool) {
	p, ok := ctx.Value(principalKey{}).(Principal)
	return p, ok
}
