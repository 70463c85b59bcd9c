package services

import (
	"context"
	"strings"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

// TokenService implements pb.TokenServiceServer. The CLI also calls it
// directly, on a stopped server's data file, to make the first token.
type TokenService struct {
	pb.UnimplementedTokenServiceServer
	tokens curricula.TokenStore
}

// NewTokenService returns the token service over ts.
func NewTokenService(ts curricula.TokenStore) *TokenService { return &TokenService{tokens: ts} }

var roles = newEnumMap(map[curricula.Role]pb.Token_Role{
	curricula.RoleAdmin:       pb.Token_ADMIN,
	curricula.RoleCoordinator: pb.Token_COORDINATOR,
	curricula.RoleEditor:      pb.Token_EDITOR,
	curricula.RoleViewer:      pb.Token_VIEWER,
})

// CreateToken makes a token and returns its secret, once.
func (s *TokenService) CreateToken(ctx context.Context, req *pb.CreateTokenRequest) (*pb.CreateTokenResponse, error) {
	var vs curricula.Violations
	t := &curricula.Token{Name: req.GetTokenId(), Role: roles.domain(req.GetToken().GetRole())}
	for i, a := range req.GetToken().GetAcademies() {
		n, err := curricula.ParseName(curricula.KindAcademy, a)
		if err != nil {
			vs.Add(indexed("token.academies", i), "%q is not an academy name (academies/{academy})", a)
			continue
		}
		t.Academies = append(t.Academies, n.ID())
	}
	secret, err := NewSecret()
	if err != nil {
		return nil, err
	}
	t.Hash = HashSecret(secret)
	for _, v := range violationsOf(t.Validate()) {
		if v.Field != "token_id" {
			v.Field = "token." + v.Field
		}
		vs = append(vs, v)
	}
	if err := vs.Err(); err != nil {
		return nil, err
	}
	if err := s.tokens.CreateToken(ctx, t); err != nil {
		return nil, err
	}
	return &pb.CreateTokenResponse{Token: tokenToProto(t), Secret: secret}, nil
}

// ListTokens lists every token, revoked ones included; never a secret.
func (s *TokenService) ListTokens(ctx context.Context, _ *pb.ListTokensRequest) (*pb.ListTokensResponse, error) {
	ts, err := s.tokens.Tokens(ctx)
	if err != nil {
		return nil, err
	}
	out := &pb.ListTokensResponse{}
	for _, t := range ts {
		out.Tokens = append(out.Tokens, tokenToProto(t))
	}
	return out, nil
}

// RevokeToken revokes a token; it stops authenticating at once.
func (s *TokenService) RevokeToken(ctx context.Context, req *pb.RevokeTokenRequest) (*pb.Token, error) {
	id, ok := strings.CutPrefix(req.GetName(), "tokens/")
	if !ok || !curricula.ValidID(id) {
		return nil, invalid("name", "must be tokens/{token}")
	}
	t, err := s.tokens.RevokeToken(ctx, id)
	if err != nil {
		return nil, err
	}
	return tokenToProto(t), nil
}

func tokenToProto(t *curricula.Token) *pb.Token {
	out := &pb.Token{
		Name:       curricula.TokenName(t.Name),
		Role:       roles.proto(t.Role),
		CreateTime: ts(t.CreateTime),
		Creator:    t.Creator,
		RevokeTime: ts(t.RevokeTime),
		Revoker:    t.Revoker,
	}
	for _, a := range t.Academies {
		out.Academies = append(out.Academies, curricula.AcademyName(a))
	}
	return out
}
