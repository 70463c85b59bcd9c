package services

import (
	"context"
	"io"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/stretchr/testify/require"
	"google.golang.org/grpc"
	"google.golang.org/protobuf/proto"
)

// fakeImport is a client stream that sends the given requests.
type fakeImport struct {
	grpc.ServerStream
	ctx  context.Context
	msgs []*pb.CreateModuleRequest
}

func (f *fakeImport) Context() context.Context { return f.ctx }

func (f *fakeImport) RecvMsg(m any) error {
	if len(f.msgs) == 0 {
		return io.EOF
	}
	proto.Merge(m.(proto.Message), f.msgs[0])
	f.msgs = f.msgs[1:]
	return nil
}

// staticAuth authenticates every call as one principal.
type staticAuth curricula.Principal

func (a staticAuth) Authenticate(context.Context) (curricula.Principal, error) {
	return curricula.Principal(a), nil
}

// TestStreamAccessChecksEveryMessage: on a client-streaming method an
// editor is checked message by message, so a stream that starts in its
// academy cannot go on into another.
func TestStreamAccessChecksEveryMessage(t *testing.T) {
	const method = "/concord.v1.ImportService/ImportModules"
	pol := Policy{method: editorsOf(func(r *pb.CreateModuleRequest) string { return AcademyOf(r.GetParent()) })}
	own := &pb.CreateModuleRequest{Parent: "academies/kz-border-academy/curricula/basic"}
	other := &pb.CreateModuleRequest{Parent: "academies/kg-border-institute/curricula/basic"}
	run := func(p curricula.Principal, msgs ...*pb.CreateModuleRequest) (int, error) {
		received := 0
		err := StreamAccess(staticAuth(p), pol)(nil, &fakeImport{ctx: context.Background(), msgs: msgs},
			&grpc.StreamServerInfo{FullMethod: method, IsClientStream: true},
			func(_ any, ss grpc.ServerStream) error {
				require.Equal(t, p.Subject, PrincipalOf(ss.Context()).Subject)
				for {
					if err := ss.RecvMsg(&pb.CreateModuleRequest{}); err == io.EOF {
						return nil
					} else if err != nil {
						return err
					}
					received++
				}
			})
		return received, err
	}
	n, err := run(kzEditor, own, own)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	n, err = run(kzEditor, own, other, own)
	require.Equal(t, curricula.EPERMISSION, curricula.ErrorCode(err))
	require.ErrorContains(t, err, "not kg-border-institute")
	require.Equal(t, 1, n, "the handler never sees the foreign message")
	n, err = run(admin, own, other)
	require.NoError(t, err)
	require.Equal(t, 2, n)
	_, err = run(viewer, own)
	require.Equal(t, curricula.EPERMISSION, curricula.ErrorCode(err), "no role, no stream")
	err = StreamAccess(staticAuth(admin), pol)(nil, &fakeImport{ctx: context.Background()},
		&grpc.StreamServerInfo{FullMethod: "/concord.v1.Unknown/Stream"}, func(any, grpc.ServerStream) error { return nil })
	require.ErrorContains(t, err, "no access rule", "default deny for streams too")
}
