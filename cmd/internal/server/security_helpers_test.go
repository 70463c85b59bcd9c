package server

import (
	"bytes"
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"sync/atomic"
	"testing"
	"time"

	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/services"
	"github.com/stretchr/testify/require"
	"google.golang.org/genproto/googleapis/api/annotations"
	"google.golang.org/grpc"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
	"google.golang.org/protobuf/encoding/protojson"
	"google.golang.org/protobuf/proto"
	"google.golang.org/protobuf/reflect/protoreflect"
	"google.golang.org/protobuf/reflect/protoregistry"
	"google.golang.org/protobuf/types/known/fieldmaskpb"
	"google.golang.org/protobuf/types/known/timestamppb"
)

// The two academies of the security tests: the editor's own and another.
const (
	ownAcademy   = "kz-border-academy"
	otherAcademy = "kg-border-institute"
	// secretMarker is in every text field of the restricted modules; it
	// must never reach a caller that may not read them.
	secretMarker = "MARKER-covert-7f3a"
)

// caller is who makes a call in the security tests.
type caller struct {
	name   string
	secret string // "" sends no token
}

// secured is a test server with tokens for every role and two academies,
// each with a curriculum and a restricted module.
type secured struct {
	*testServer
	admin, coordinator, editor, viewer, anonymous caller
	seq                                           atomic.Int64
	client                                        *http.Client
}

func startSecured(t *testing.T, mutate ...func(*Config)) *secured {
	t.Helper()
	s := &secured{testServer: startServer(t, mutate...), anonymous: caller{name: "no token"}, client: &http.Client{Transport: &http.Transport{}}}
	t.Cleanup(s.client.CloseIdleConnections)
	mk := func(name string, role curricula.Role, academies ...string) caller {
		secret, err := services.NewSecret()
		require.NoError(t, err)
		require.NoError(t, s.store.CreateToken(t.Context(), &curricula.Token{Name: name, Role: role, Academies: academies, Hash: services.HashSecret(secret)}))
		return caller{name: name, secret: secret}
	}
	s.admin = mk("ops", curricula.RoleAdmin)
	s.coordinator = mk("coord", curricula.RoleCoordinator)
	s.editor = mk("kz-editor", curricula.RoleEditor, ownAcademy)
	s.viewer = mk("trainer", curricula.RoleViewer)
	for _, a := range []string{ownAcademy, otherAcademy} {
		s.ensure(t, &curricula.Academy{Meta: curricula.Meta{Name: curricula.AcademyName(a)}, DisplayName: "Academy " + a, Country: "KZ", Agency: curricula.AgencyBorderGuard})
		s.ensure(t, &curricula.Curriculum{Meta: curricula.Meta{Name: curricula.CurriculumName(a, "basic-2024")}, Title: "Basic",
			Level: curricula.LevelBasic, Language: "ru", Framework: "frameworks/ibm-core", State: curricula.CurriculumActive})
		s.create(t, restrictedModule(a))
	}
	return s
}

func restrictedModule(academy string) *curricula.Module {
	return &curricula.Module{Meta: curricula.Meta{Name: curricula.ModuleName(academy, "basic-2024", "covert")}, Code: "ДК-3.4",
		Title: "Covert surveillance " + secretMarker, Description: "Ambush tactics " + secretMarker,
		Outcomes: []string{"plan a stake-out " + secretMarker}, Assessment: "field exercise " + secretMarker,
		Hours: 30, Restricted: true, Alignments: []curricula.Alignment{{Competency: "sur-05", Depth: curricula.DepthReinforced, Hours: 16}}}
}

// create stores resources directly, as the system.
func (s *secured) create(t *testing.T, rs ...curricula.Resource) {
	t.Helper()
	require.NoError(t, s.store.Update(t.Context(), func(tx curricula.WriteTx) error {
		for _, r := range rs {
			if err := tx.Create(r); err != nil {
				return err
			}
		}
		return nil
	}))
}

// ensure creates the resources that are not stored yet (the demo data
// has some of them).
func (s *secured) ensure(t *testing.T, rs ...curricula.Resource) {
	t.Helper()
	require.NoError(t, s.store.Update(t.Context(), func(tx curricula.WriteTx) error {
		for _, r := range rs {
			if ok, err := tx.Exists(r.GetMeta().Name); err != nil || ok {
				if err != nil {
					return err
				}
				continue
			}
			if err := tx.Create(r); err != nil {
				return err
			}
		}
		return nil
	}))
}

// id returns a fresh resource ID.
func (s *secured) id(prefix string) string { return fmt.Sprintf("%s-%d", prefix, s.seq.Add(1)) }

func (c caller) ctx(ctx context.Context) context.Context {
	if c.secret == "" {
		return ctx
	}
	return metadata.AppendToOutgoingContext(ctx, "authorization", "Bearer "+c.secret)
}

// invoke calls a method over gRPC by its full name and returns the
// answer as text to scan: every message as JSON, then the bytes fields of
// all of them joined raw, so that a file sent as google.api.HttpBody
// pieces (a CSV or CASE JSON) is read as the file, not as base64.
func (s *secured) invoke(t *testing.T, c caller, method string, req proto.Message) (codes.Code, string) {
	t.Helper()
	md := methodDescriptor(t, method)
	ctx, cancel := context.WithTimeout(c.ctx(t.Context()), 30*time.Second)
	defer cancel()
	var answer []proto.Message
	if md.IsStreamingServer() || md.IsStreamingClient() {
		var err error
		if answer, err = s.stream(ctx, t, md, req); err != nil {
			return status.Code(err), err.Error()
		}
	} else {
		resp := newMessage(t, md.Output())
		if err := s.conn.Invoke(ctx, method, req, resp); err != nil {
			return status.Code(err), err.Error()
		}
		answer = []proto.Message{resp}
	}
	var text, raw strings.Builder
	for _, m := range answer {
		text.WriteString(protojson.Format(m))
		rawBytes(&raw, m.ProtoReflect())
	}
	return codes.OK, text.String() + "\n" + raw.String()
}

// stream calls a streaming method with req as the one message sent, and
// returns the messages received.
func (s *secured) stream(ctx context.Context, t *testing.T, md protoreflect.MethodDescriptor, req proto.Message) ([]proto.Message, error) {
	t.Helper()
	desc := &grpc.StreamDesc{ServerStreams: md.IsStreamingServer(), ClientStreams: md.IsStreamingClient()}
	stream, err := s.conn.NewStream(ctx, desc, "/"+string(md.Parent().FullName())+"/"+string(md.Name()))
	require.NoError(t, err)
	// A refused stream may end before its message is read: SendMsg then
	// reports io.EOF, and RecvMsg the reason.
	if err := stream.SendMsg(req); err != nil && !errors.Is(err, io.EOF) {
		return nil, err
	}
	require.NoError(t, stream.CloseSend())
	var out []proto.Message
	for {
		resp := newMessage(t, md.Output())
		err := stream.RecvMsg(resp)
		if errors.Is(err, io.EOF) {
			return out, nil
		}
		if err != nil {
			return nil, err
		}
		out = append(out, resp)
		if !desc.ServerStreams {
			return out, nil
		}
	}
}

// rawBytes appends the bytes fields of m (nested ones too) to b.
func rawBytes(b *strings.Builder, m protoreflect.Message) {
	m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
		switch {
		case fd.IsMap():
		case fd.IsList():
			for i := range v.List().Len() {
				switch fd.Kind() {
				case protoreflect.BytesKind:
					b.Write(v.List().Get(i).Bytes())
				case protoreflect.MessageKind, protoreflect.GroupKind:
					rawBytes(b, v.List().Get(i).Message())
				}
			}
		case fd.Kind() == protoreflect.BytesKind:
			b.Write(v.Bytes())
		case fd.Kind() == protoreflect.MessageKind || fd.Kind() == protoreflect.GroupKind:
			rawBytes(b, v.Message())
		}
		return true
	})
}

func methodDescriptor(t *testing.T, method string) protoreflect.MethodDescriptor {
	t.Helper()
	full := protoreflect.FullName(strings.ReplaceAll(strings.TrimPrefix(method, "/"), "/", "."))
	d, err := protoregistry.GlobalFiles.FindDescriptorByName(full)
	require.NoError(t, err, method)
	return d.(protoreflect.MethodDescriptor)
}

func newMessage(t *testing.T, md protoreflect.MessageDescriptor) proto.Message {
	t.Helper()
	mt, err := protoregistry.GlobalTypes.FindMessageByName(md.FullName())
	require.NoError(t, err)
	return mt.New().Interface()
}

// httpRule returns the REST binding of a method, nil when it has none.
func httpRule(md protoreflect.MethodDescriptor) *annotations.HttpRule {
	r, _ := proto.GetExtension(md.Options(), annotations.E_Http).(*annotations.HttpRule)
	return r
}

var pathVar = regexp.MustCompile(`\{([a-z_.]+)(=[^}]*)?\}`)

// route is a REST request: the verb, the path with its query, the body.
type route struct {
	verb, path string
	body       []byte
}

// restCall sends req to the REST route of method, built from its
// google.api.http rule as the gateway reads it, and returns the HTTP
// status and the body.
func (s *secured) restCall(t *testing.T, c caller, method string, req proto.Message, header ...string) (int, string) {
	t.Helper()
	return s.send(t, c, restRoute(t, method, req), header...)
}

// restRoute is the request the gateway turns into req: path variables
// from the request's fields, the body field as JSON, every other set
// field as a query parameter.
func restRoute(t *testing.T, method string, req proto.Message) route {
	t.Helper()
	rule := httpRule(methodDescriptor(t, method))
	require.NotNil(t, rule, "%s has no REST route", method)
	verb, tmpl := ruleVerb(rule)
	msg := proto.Clone(req)
	used := map[string]bool{}
	path := pathVar.ReplaceAllStringFunc(tmpl, func(v string) string {
		field := pathVar.FindStringSubmatch(v)[1]
		used[field] = true
		return fieldString(t, msg.ProtoReflect(), field)
	})
	var body []byte
	query := url.Values{}
	m := msg.ProtoReflect()
	switch rule.GetBody() {
	case "":
	case "*":
		for f := range used {
			if !strings.Contains(f, ".") {
				m.Clear(m.Descriptor().Fields().ByName(protoreflect.Name(f)))
			}
		}
		b, err := protojson.Marshal(msg)
		require.NoError(t, err)
		body = b
	default:
		fd := m.Descriptor().Fields().ByName(protoreflect.Name(rule.GetBody()))
		b, err := protojson.Marshal(m.Get(fd).Message().Interface())
		require.NoError(t, err)
		body = b
		m.Clear(fd)
	}
	if rule.GetBody() != "*" {
		m.Range(func(fd protoreflect.FieldDescriptor, v protoreflect.Value) bool {
			switch {
			case used[string(fd.Name())]:
			case fd.IsList():
				for i := range v.List().Len() {
					query.Add(string(fd.Name()), queryValue(fd, v.List().Get(i)))
				}
			default:
				query.Set(string(fd.Name()), queryValue(fd, v))
			}
			return true
		})
	}
	if len(query) > 0 {
		path += "?" + query.Encode()
	}
	return route{verb: verb, path: path, body: body}
}

// send makes the request as c and returns the HTTP status and the body.
func (s *secured) send(t *testing.T, c caller, r route, header ...string) (int, string) {
	t.Helper()
	var rd io.Reader
	if r.body != nil {
		rd = bytes.NewReader(r.body)
	}
	hr, err := http.NewRequestWithContext(t.Context(), r.verb, s.base+r.path, rd)
	require.NoError(t, err)
	if c.secret != "" {
		hr.Header.Set("Authorization", "Bearer "+c.secret)
	}
	for i := 0; i+1 < len(header); i += 2 {
		hr.Header.Add(header[i], header[i+1])
	}
	resp, err := s.client.Do(hr)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, string(b)
}

func ruleVerb(r *annotations.HttpRule) (string, string) {
	switch p := r.GetPattern().(type) {
	case *annotations.HttpRule_Get:
		return http.MethodGet, p.Get
	case *annotations.HttpRule_Post:
		return http.MethodPost, p.Post
	case *annotations.HttpRule_Patch:
		return http.MethodPatch, p.Patch
	case *annotations.HttpRule_Put:
		return http.MethodPut, p.Put
	case *annotations.HttpRule_Delete:
		return http.MethodDelete, p.Delete
	}
	return "", ""
}

// fieldString reads the string at a dotted field path.
func fieldString(t *testing.T, m protoreflect.Message, path string) string {
	t.Helper()
	parts := strings.Split(path, ".")
	for _, p := range parts[:len(parts)-1] {
		m = m.Get(m.Descriptor().Fields().ByName(protoreflect.Name(p))).Message()
	}
	return m.Get(m.Descriptor().Fields().ByName(protoreflect.Name(parts[len(parts)-1]))).String()
}

func queryValue(fd protoreflect.FieldDescriptor, v protoreflect.Value) string {
	switch {
	case fd.Kind() == protoreflect.MessageKind && fd.Message().FullName() == "google.protobuf.FieldMask":
		return strings.Join(v.Message().Interface().(*fieldmaskpb.FieldMask).GetPaths(), ",")
	case fd.Kind() == protoreflect.MessageKind && fd.Message().FullName() == "google.protobuf.Timestamp":
		return v.Message().Interface().(*timestamppb.Timestamp).AsTime().Format(time.RFC3339Nano)
	case fd.Kind() == protoreflect.EnumKind:
		return string(fd.Enum().Values().ByNumber(v.Enum()).Name())
	}
	return v.String()
}
