package server

import (
	"context"
	"encoding/json"
	"io"
	"log/slog"
	"net/http"
	"strings"
	"testing"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/services"
	"github.com/concord-ibm/concord/storage"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/types/known/timestamppb"
)

func (s *secured) moduleHours(t *testing.T, name string) float64 {
	t.Helper()
	m := &curricula.Module{}
	require.NoError(t, s.store.View(t.Context(), func(tx curricula.Tx) error { return tx.Get(name, m) }))
	return m.Hours
}

func (s *secured) lastChange(t *testing.T) curricula.Change {
	t.Helper()
	seq, err := s.store.LastSequence(t.Context())
	require.NoError(t, err)
	cs, err := s.store.Changes(t.Context(), seq-1, 1)
	require.NoError(t, err)
	require.Len(t, cs, 1)
	return cs[0]
}

// The "done when", one by one.
func TestEditorCannotTouchAnotherAcademy(t *testing.T) {
	s := startSecured(t)
	target := restrictedModule(otherAcademy).Name
	req := &pb.UpdateModuleRequest{Module: &pb.Module{Name: target, Hours: 99}, UpdateMask: mask("hours")}

	_, err := pb.NewAcademyServiceClient(s.conn).UpdateModule(s.editor.ctx(t.Context()), req)
	require.Equal(t, codes.PermissionDenied, status.Code(err))
	require.Contains(t, status.Convert(err).Message(), "may write only academies kz-border-academy, not kg-border-institute")
	code, body := s.restCall(t, s.editor, pb.AcademyService_UpdateModule_FullMethodName, req)
	require.Equal(t, http.StatusForbidden, code, body)
	require.Equal(t, 30.0, s.moduleHours(t, target), "nothing changed")

	// Its own academy: allowed, and the change log names the editor.
	own := restrictedModule(ownAcademy).Name
	code, body = s.restCall(t, s.editor, pb.AcademyService_UpdateModule_FullMethodName,
		&pb.UpdateModuleRequest{Module: &pb.Module{Name: own, Hours: 32}, UpdateMask: mask("hours")})
	require.Equal(t, http.StatusOK, code, body)
	require.Equal(t, 32.0, s.moduleHours(t, own))
	ch := s.lastChange(t)
	require.Equal(t, "kz-editor", ch.Principal)
	require.Equal(t, own, ch.Name)
}

func TestNoTokenIsUnauthenticated(t *testing.T) {
	s := startSecured(t)
	_, err := pb.NewAcademyServiceClient(s.conn).ListAcademies(t.Context(), &pb.ListAcademiesRequest{})
	require.Equal(t, codes.Unauthenticated, status.Code(err))
	require.Contains(t, status.Convert(err).Message(), "requires a bearer token")

	req, err := http.NewRequest(http.MethodGet, s.base+"/v1/academies", nil)
	require.NoError(t, err)
	resp, err := s.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	require.Equal(t, http.StatusUnauthorized, resp.StatusCode)
	require.Equal(t, `Bearer realm="concord"`, resp.Header.Get("WWW-Authenticate"))

	// A wrong or revoked token is no better.
	code, _ := s.restCall(t, caller{name: "guess", secret: "concord_guess"}, pb.AcademyService_ListAcademies_FullMethodName, &pb.ListAcademiesRequest{})
	require.Equal(t, http.StatusUnauthorized, code)
	_, err = s.store.RevokeToken(t.Context(), "trainer")
	require.NoError(t, err)
	code, _ = s.restCall(t, s.viewer, pb.AcademyService_ListAcademies_FullMethodName, &pb.ListAcademiesRequest{})
	require.Equal(t, http.StatusUnauthorized, code, "a revoked token stops working at once")

	// Health and readiness need no token.
	require.Equal(t, http.StatusOK, s.rest(t, "GET", "/readyz", nil, nil))
	require.Equal(t, http.StatusOK, s.rest(t, "GET", "/healthz", nil, nil))
}

// spoofHeaders are every way a REST client might try to name a principal
// through the gateway's Grpc-Metadata- mapping.
func spoofHeaders(adminSecret string) []string {
	return []string{
		"Grpc-Metadata-Authorization", "Bearer " + adminSecret,
		"Grpc-Metadata-Principal", "ops",
		"Grpc-Metadata-X-Concord-Principal", "ops",
		"Grpc-Metadata-Subject", "ops",
		"Grpc-Metadata-Role", "admin",
		"Grpc-Metadata-Academies", "kg-border-institute",
		"Grpc-Metadata-X-Forwarded-User", "ops",
	}
}

func TestSpoofedMetadataChangesNothing(t *testing.T) {
	s := startSecured(t)
	other := restrictedModule(otherAcademy).Name
	update := &pb.UpdateModuleRequest{Module: &pb.Module{Name: other, Hours: 1}, UpdateMask: mask("hours")}

	// An editor dressed up as the admin is still the editor.
	code, body := s.restCall(t, s.editor, pb.AcademyService_UpdateModule_FullMethodName, update, spoofHeaders(s.admin.secret)...)
	require.Equal(t, http.StatusForbidden, code, body)
	require.Contains(t, body, "kz-editor (editor)")
	// No token, however many headers: unauthenticated, even with the
	// admin's secret in a Grpc-Metadata- header.
	code, body = s.restCall(t, s.anonymous, pb.AcademyService_UpdateModule_FullMethodName, update, spoofHeaders(s.admin.secret)...)
	require.Equal(t, http.StatusUnauthorized, code, body)
	// A viewer cannot read restricted text by claiming a role.
	code, body = s.restCall(t, s.viewer, pb.AcademyService_GetModule_FullMethodName, &pb.GetModuleRequest{Name: other}, spoofHeaders(s.admin.secret)...)
	require.Equal(t, http.StatusOK, code)
	require.NotContains(t, body, secretMarker)
	require.Equal(t, 30.0, s.moduleHours(t, other))

	// The same over gRPC, where a client sets any metadata it likes.
	md := metadata.Pairs("principal", "ops", "x-concord-principal", "ops", "role", "admin", "academies", otherAcademy)
	ctx := metadata.NewOutgoingContext(t.Context(), metadata.Join(md, metadata.Pairs("authorization", "Bearer "+s.editor.secret)))
	_, err := pb.NewAcademyServiceClient(s.conn).UpdateModule(ctx, update)
	require.Equal(t, codes.PermissionDenied, status.Code(err))

	// A write the editor may make is recorded as the editor's.
	own := restrictedModule(ownAcademy).Name
	code, body = s.restCall(t, s.editor, pb.AcademyService_UpdateModule_FullMethodName,
		&pb.UpdateModuleRequest{Module: &pb.Module{Name: own, Hours: 31}, UpdateMask: mask("hours")}, spoofHeaders(s.admin.secret)...)
	require.Equal(t, http.StatusOK, code, body)
	require.Equal(t, "kz-editor", s.lastChange(t).Principal)
	require.Equal(t, 30.0, s.moduleHours(t, other))
}

func TestViewerNeverSeesRestrictedText(t *testing.T) {
	s := startSecured(t)
	ac := pb.NewAcademyServiceClient(s.conn)
	name := restrictedModule(ownAcademy).Name
	for _, c := range []caller{s.viewer, s.editor, s.coordinator, s.admin} {
		t.Run(c.name, func(t *testing.T) {
			ctx := c.ctx(t.Context())
			m, err := ac.GetModule(ctx, &pb.GetModuleRequest{Name: curricula.ModuleName(otherAcademy, "basic-2024", "covert")})
			require.NoError(t, err)
			hidden := c == s.viewer || c == s.editor
			if hidden {
				require.Equal(t, services.RestrictedTitle, m.GetTitle())
				require.Empty(t, m.GetDescription())
				require.Empty(t, m.GetOutcomes())
				require.Empty(t, m.GetAssessment())
			} else {
				require.Contains(t, m.GetTitle(), secretMarker)
			}
			// What the figures need is there for everyone.
			require.Equal(t, "ДК-3.4", m.GetCode())
			require.Equal(t, 30.0, m.GetHours())
			require.True(t, m.GetRestricted())
			require.Len(t, m.GetAlignments(), 1)

			// Lists, across academies, and filters on the hidden text.
			all, err := ac.ListModules(ctx, &pb.ListModulesRequest{Parent: "academies/-/curricula/-"})
			require.NoError(t, err)
			require.Len(t, all.GetModules(), 2)
			for _, f := range []string{`description:"Ambush"`, `title:"Covert"`, `outcomes:"plan a stake-out ` + secretMarker + `"`, `assessment:"field"`} {
				got, err := ac.ListModules(ctx, &pb.ListModulesRequest{Parent: "academies/-/curricula/-", Filter: f})
				require.NoError(t, err)
				want := 2
				if c == s.viewer {
					want = 0
				} else if c == s.editor {
					want = 1
				}
				require.Len(t, got.GetModules(), want, "filter %s must not reveal hidden text", f)
			}
		})
	}
	// REST, for the viewer: get and list.
	for _, path := range []string{"/v1/" + name, "/v1/academies/-/curricula/-/modules", "/v1/academies/" + ownAcademy + "/curricula/basic-2024/modules"} {
		code, body := s.restGET(t, s.viewer, path)
		require.Equal(t, http.StatusOK, code)
		require.NotContains(t, body, secretMarker, path)
		require.Contains(t, body, services.RestrictedTitle, path)
	}
}

func (s *secured) restGET(t *testing.T, c caller, path string) (int, string) {
	t.Helper()
	req, err := http.NewRequest(http.MethodGet, s.base+path, nil)
	require.NoError(t, err)
	if c.secret != "" {
		req.Header.Set("Authorization", "Bearer "+c.secret)
	}
	resp, err := s.client.Do(req)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func TestTokenLifecycleOverTheAPI(t *testing.T) {
	s := startSecured(t)
	tc := pb.NewTokenServiceClient(s.conn)
	ctx := s.admin.ctx(t.Context())
	created, err := tc.CreateToken(ctx, &pb.CreateTokenRequest{TokenId: "tj-editor", Token: &pb.Token{
		Role: pb.Token_EDITOR, Academies: []string{"academies/tj-border-academy"}}})
	require.NoError(t, err)
	require.True(t, strings.HasPrefix(created.GetSecret(), services.TokenPrefix))
	require.Equal(t, "ops", created.GetToken().GetCreator())

	// Bad input names the field and stores nothing.
	for _, tt := range []struct {
		req   *pb.CreateTokenRequest
		field string
	}{
		{&pb.CreateTokenRequest{TokenId: "Bad Name", Token: &pb.Token{Role: pb.Token_VIEWER}}, "token_id"},
		{&pb.CreateTokenRequest{TokenId: "x1", Token: &pb.Token{}}, "token.role"},
		{&pb.CreateTokenRequest{TokenId: "x2", Token: &pb.Token{Role: pb.Token_EDITOR}}, "token.academies"},
		{&pb.CreateTokenRequest{TokenId: "x3", Token: &pb.Token{Role: pb.Token_EDITOR, Academies: []string{"kz"}}}, "token.academies[0]"},
		{&pb.CreateTokenRequest{TokenId: "system", Token: &pb.Token{Role: pb.Token_ADMIN}}, "token_id"},
	} {
		_, err := tc.CreateToken(ctx, tt.req)
		require.Equal(t, codes.InvalidArgument, status.Code(err), "%v", err)
		require.Contains(t, violations(t, err), tt.field)
	}
	_, err = tc.CreateToken(ctx, &pb.CreateTokenRequest{TokenId: "tj-editor", Token: &pb.Token{Role: pb.Token_VIEWER}})
	require.Equal(t, codes.AlreadyExists, status.Code(err))

	// The list shows no secret and no hash.
	code, body := s.restGET(t, s.admin, "/v1/tokens")
	require.Equal(t, http.StatusOK, code)
	require.NotContains(t, body, created.GetSecret())
	require.NotContains(t, body, services.HashSecret(created.GetSecret()))
	var list struct {
		Tokens []struct {
			Name string `json:"name"`
		} `json:"tokens"`
	}
	require.NoError(t, json.Unmarshal([]byte(body), &list))
	require.Len(t, list.Tokens, 5)

	tj := caller{name: "tj-editor", secret: created.GetSecret()}
	_, err = pb.NewAcademyServiceClient(s.conn).ListAcademies(tj.ctx(t.Context()), &pb.ListAcademiesRequest{})
	require.NoError(t, err)
	code, body = s.restCall(t, s.admin, pb.TokenService_RevokeToken_FullMethodName, &pb.RevokeTokenRequest{Name: "tokens/tj-editor"})
	require.Equal(t, http.StatusOK, code, body)
	_, err = pb.NewAcademyServiceClient(s.conn).ListAcademies(tj.ctx(t.Context()), &pb.ListAcademiesRequest{})
	require.Equal(t, codes.Unauthenticated, status.Code(err))
	require.Contains(t, status.Convert(err).Message(), "revoked")
	_, err = tc.RevokeToken(ctx, &pb.RevokeTokenRequest{Name: "tokens/tj-editor"})
	require.Equal(t, codes.FailedPrecondition, status.Code(err))

	// Both are in the audit log, by the admin.
	changes, err := pb.NewAuditServiceClient(s.conn).ListChanges(ctx, &pb.ListChangesRequest{Resource: "tokens/tj-editor"})
	require.NoError(t, err)
	require.Len(t, changes.GetChanges(), 2)
	for _, c := range changes.GetChanges() {
		require.Equal(t, "ops", c.GetPrincipal())
		require.Equal(t, "Token", c.GetKind())
	}
}

func TestListChanges(t *testing.T) {
	s := startSecured(t)
	ac := pb.NewAcademyServiceClient(s.conn)
	au := pb.NewAuditServiceClient(s.conn)
	admin, editor := s.admin.ctx(t.Context()), s.editor.ctx(t.Context())
	start := time.Now()
	for i := range 5 {
		_, err := ac.CreateModule(editor, &pb.CreateModuleRequest{Parent: curricula.CurriculumName(ownAcademy, "basic-2024"),
			ModuleId: s.id("m"), Module: &pb.Module{Code: "M", Title: "T", Hours: float64(i + 1)}})
		require.NoError(t, err)
	}
	_, err := ac.UpdateAcademy(admin, &pb.UpdateAcademyRequest{Academy: &pb.Academy{Name: curricula.AcademyName(otherAcademy), City: "Bishkek"}, UpdateMask: mask("city")})
	require.NoError(t, err)

	byEditor, err := au.ListChanges(admin, &pb.ListChangesRequest{Principal: "kz-editor"})
	require.NoError(t, err)
	require.Len(t, byEditor.GetChanges(), 5)
	byAcademy, err := au.ListChanges(admin, &pb.ListChangesRequest{Resource: curricula.AcademyName(otherAcademy)})
	require.NoError(t, err)
	require.Len(t, byAcademy.GetChanges(), 4, "the academy, its curriculum and module (seeding) and the admin's update")
	since, err := au.ListChanges(admin, &pb.ListChangesRequest{StartTime: timestamppb.New(start)})
	require.NoError(t, err)
	require.Len(t, since.GetChanges(), 6)
	none, err := au.ListChanges(admin, &pb.ListChangesRequest{EndTime: timestamppb.New(time.Unix(0, 0))})
	require.NoError(t, err)
	require.Empty(t, none.GetChanges())

	// Paging through the editor's changes two at a time.
	var seqs []uint64
	req := &pb.ListChangesRequest{Principal: "kz-editor", PageSize: 2}
	for {
		page, err := au.ListChanges(admin, req)
		require.NoError(t, err)
		require.LessOrEqual(t, len(page.GetChanges()), 2)
		for _, c := range page.GetChanges() {
			seqs = append(seqs, c.GetSequence())
		}
		if req.PageToken = page.GetNextPageToken(); req.PageToken == "" {
			break
		}
	}
	require.Len(t, seqs, 5)
	require.IsIncreasing(t, seqs)
	_, err = au.ListChanges(admin, &pb.ListChangesRequest{Principal: "ops", PageToken: byEditor.GetNextPageToken() + "x"})
	require.Equal(t, codes.InvalidArgument, status.Code(err))

	// Bad filters name the field.
	for field, r := range map[string]*pb.ListChangesRequest{
		"resource":  {Resource: "academies/KZ/x"},
		"end_time":  {StartTime: timestamppb.New(start), EndTime: timestamppb.New(start.Add(-time.Hour))},
		"page_size": {PageSize: 5000},
	} {
		_, err := au.ListChanges(admin, r)
		require.Equal(t, codes.InvalidArgument, status.Code(err), field)
		require.Contains(t, violations(t, err), field)
	}

	// An editor reads its academy's history, not the rest; REST agrees.
	mine, err := au.ListChanges(editor, &pb.ListChangesRequest{Resource: curricula.AcademyName(ownAcademy)})
	require.NoError(t, err)
	require.Len(t, mine.GetChanges(), 8)
	code, body := s.restGET(t, s.editor, "/v1/changes?resource=academies/"+ownAcademy+"&principal=kz-editor")
	require.Equal(t, http.StatusOK, code, body)
	require.Equal(t, 5, strings.Count(body, `"principal":"kz-editor"`)+strings.Count(body, `"principal": "kz-editor"`))
	code, _ = s.restGET(t, s.editor, "/v1/changes")
	require.Equal(t, http.StatusForbidden, code)
}

func TestStartRefusesAnOpenServerBeyondLoopback(t *testing.T) {
	discard := slog.New(slog.NewTextHandler(io.Discard, nil))
	cases := []struct {
		name   string
		mutate func(*Config)
		tokens bool
		want   string
	}{
		{"no tokens", func(c *Config) { c.GRPC.Addr = "0.0.0.0:0" }, false, "no API token exists"},
		{"no tokens, HTTP on all interfaces", func(c *Config) { c.HTTP.Addr = ":0" }, false, "no API token exists"},
		{"tokens without TLS", func(c *Config) { c.GRPC.Addr = "0.0.0.0:0" }, true, "TLS is off"},
		{"half a certificate", func(c *Config) { c.Security.CertFile = "cert.pem" }, false, "give both --tls-cert and --tls-key"},
	}
	for _, tc := range cases {
		t.Run(tc.name, func(t *testing.T) {
			cfg := Defaults()
			cfg.DataDir = t.TempDir()
			cfg.GRPC.Addr, cfg.HTTP.Addr = "127.0.0.1:0", "127.0.0.1:0"
			tc.mutate(&cfg)
			if tc.tokens {
				db, err := storage.Open(StorePath(cfg.DataDir), storage.Options{})
				require.NoError(t, err)
				require.NoError(t, db.CreateToken(t.Context(), &curricula.Token{Name: "ops", Role: curricula.RoleAdmin, Hash: services.HashSecret("x")}))
				require.NoError(t, db.Close())
			}
			srv := New(cfg, discard)
			err := srv.Open(context.Background())
			require.ErrorContains(t, err, tc.want)
		})
	}
}
