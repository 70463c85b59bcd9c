package services

import (
	"context"
	"log/slog"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
)

// BackupChunkSize is the size of the pieces Backup streams.
const BackupChunkSize = 256 << 10

// AdminService implements pb.AdminServiceServer.
type AdminService struct {
	pb.UnimplementedAdminServiceServer
	store curricula.Store
	index curricula.Search
	log   *slog.Logger
}

// NewAdminService returns the admin service over s and the search index
// idx (nil: the index methods are UNAVAILABLE), logging to log
// (slog.Default() when nil).
func NewAdminService(s curricula.Store, idx curricula.Search, log *slog.Logger) *AdminService {
	if log == nil {
		log = slog.Default()
	}
	return &AdminService{store: s, index: idx, log: log}
}

// Backup streams a consistent copy of the store, made in one read
// transaction while writes go on. A client that goes away (or a deadline
// that passes) ends the read transaction; the store is not affected.
func (s *AdminService) Backup(_ *pb.BackupRequest, stream pb.AdminService_BackupServer) error {
	ctx := stream.Context()
	w := &chunkWriter{ctx: ctx, send: func(b []byte) error { return stream.Send(&pb.BackupChunk{Data: b}) }}
	n, err := s.store.Backup(ctx, w)
	if err == nil {
		err = w.flush()
	}
	if err != nil {
		if ctx.Err() != nil {
			return ctx.Err()
		}
		return err
	}
	s.log.InfoContext(ctx, "backup streamed", "bytes", n, "request_id", RequestID(ctx), "principal", PrincipalOf(ctx).Subject)
	return nil
}

// chunkWriter cuts what it is given into BackupChunkSize pieces.
type chunkWriter struct {
	ctx  context.Context
	send func([]byte) error
	buf  []byte
}

func (w *chunkWriter) Write(p []byte) (int, error) {
	n := len(p)
	for len(p) > 0 {
		k := min(len(p), BackupChunkSize-len(w.buf))
		w.buf = append(w.buf, p[:k]...)
		p = p[k:]
		if len(w.buf) == BackupChunkSize {
			if err := w.flush(); err != nil {
				return 0, err
			}
		}
	}
	return n, nil
}

func (w *chunkWriter) flush() error {
	if len(w.buf) == 0 {
		return nil
	}
	if err := w.ctx.Err(); err != nil {
		return err
	}
	err := w.send(w.buf)
	w.buf = make([]byte, 0, BackupChunkSize)
	return err
}
