package server

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"strconv"
	"strings"
	"time"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/interop/sheet"
	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/metadata"
	"google.golang.org/grpc/status"
)

// The module spreadsheet's REST endpoints are plain HTTP handlers rather
// than gateway routes: the gateway reads a request body whole and frames
// streamed answers with a delimiter, while these stream raw CSV both
// ways. Each handler calls the InteropService through the gateway's own
// connection, with the request's headers forwarded as the gateway does
// (runtime.AnnotateContext), so every interceptor (authentication, the
// access policy, limits, logs) runs as for any REST call, and errors come
// in the gateway's shape.

// importChunkSize is the size of the pieces a REST import streams on.
const importChunkSize = 128 << 10

// TemplatePath serves the curriculum spreadsheet template.
const TemplatePath = "/v1/templates/curriculum.csv"

func (s *Server) handleInterop(mux *http.ServeMux) {
	mux.HandleFunc("POST /v1/academies/{academy}/modules:import", s.importModules)
	mux.HandleFunc("GET /v1/academies/{academy}/curricula/{curriculum}/modules:export", s.exportModules)
	mux.HandleFunc("GET "+TemplatePath, func(w http.ResponseWriter, _ *http.Request) {
		w.Header().Set("Content-Type", "text/csv; charset=utf-8")
		w.Header().Set("Content-Disposition", `attachment; filename="curriculum-template.csv"`)
		w.Write(sheet.Template())
	})
}

// restError answers err in the gateway's error shape.
func (s *Server) restError(ctx context.Context, w http.ResponseWriter, r *http.Request, err error) {
	_, out := runtime.MarshalerForRequest(s.gateway.mux, r)
	runtime.HTTPError(ctx, s.gateway.mux, out, w, r, err)
}

// forward returns the outgoing context of a REST call to method.
func (s *Server) forward(w http.ResponseWriter, r *http.Request, method string) (context.Context, bool) {
	ctx, err := runtime.AnnotateContext(r.Context(), s.gateway.mux, r, method)
	if err != nil {
		s.restError(r.Context(), w, r, err)
		return nil, false
	}
	return ctx, true
}

// importModules streams the request body into InteropService.ImportModules.
// Query: validate_only (true/false), mode (create_only or upsert). The
// answer is the ImportModulesResponse: 200, or 400 when it lists errors.
func (s *Server) importModules(w http.ResponseWriter, r *http.Request) {
	ctx, ok := s.forward(w, r, pb.InteropService_ImportModules_FullMethodName)
	if !ok {
		return
	}
	q := r.URL.Query()
	opts := &pb.ImportModulesRequest_Options{Format: pb.ImportModulesRequest_CSV}
	if v := q.Get("validate_only"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			s.restError(ctx, w, r, status.Errorf(codes.InvalidArgument, "validate_only: %q is not true or false", v))
			return
		}
		opts.ValidateOnly = b
	}
	if v := q.Get("mode"); v != "" {
		m, ok := pb.ImportModulesRequest_Mode_value[strings.ToUpper(v)]
		if !ok {
			s.restError(ctx, w, r, status.Errorf(codes.InvalidArgument, "mode: %q is not create_only or upsert", v))
			return
		}
		opts.Mode = pb.ImportModulesRequest_Mode(m)
	}
	// The body may take longer than the server's ReadTimeout to arrive.
	_ = http.NewResponseController(w).SetReadDeadline(time.Now().Add(s.cfg.GRPC.MaxDeadline))
	body := http.MaxBytesReader(w, r.Body, s.cfg.HTTP.MaxImportBytes)
	ctx, cancel := context.WithCancel(ctx)
	defer cancel()
	stream, err := pb.NewInteropServiceClient(s.gateway.conn).ImportModules(ctx)
	if err != nil {
		s.restError(ctx, w, r, err)
		return
	}
	parent := "academies/" + r.PathValue("academy")
	msg := &pb.ImportModulesRequest{Parent: parent, Options: opts}
	buf := make([]byte, importChunkSize)
	for {
		n, rerr := io.ReadFull(body, buf)
		if n > 0 || msg.Options != nil {
			msg.Data = buf[:n]
			if err := stream.Send(msg); err != nil {
				break // the server answered early (io.EOF) or failed: CloseAndRecv tells
			}
			msg = &pb.ImportModulesRequest{Parent: parent}
		}
		if errors.Is(rerr, io.EOF) || errors.Is(rerr, io.ErrUnexpectedEOF) {
			break
		}
		if rerr != nil {
			cancel()
			var tooBig *http.MaxBytesError
			if errors.As(rerr, &tooBig) {
				w.Header().Set("Connection", "close")
				s.restError(r.Context(), w, r, status.Errorf(codes.ResourceExhausted, "the file is larger than the limit of %d bytes", tooBig.Limit))
			} else {
				s.restError(r.Context(), w, r, status.Errorf(codes.InvalidArgument, "reading the request body: %v", rerr))
			}
			return
		}
	}
	resp, err := stream.CloseAndRecv()
	if err != nil {
		s.restError(ctx, w, r, err)
		return
	}
	if header, err := stream.Header(); err == nil {
		setRequestID(w, header)
	}
	code := http.StatusOK
	if len(resp.GetErrors()) > 0 {
		code = http.StatusBadRequest
	}
	_, out := runtime.MarshalerForRequest(s.gateway.mux, r)
	b, err := out.Marshal(resp)
	if err != nil {
		s.restError(ctx, w, r, err)
		return
	}
	w.Header().Set("Content-Type", out.ContentType(resp))
	w.WriteHeader(code)
	w.Write(b)
}

// exportModules streams InteropService.ExportModules as text/csv. Query:
// byte_order_mark (true/false). An error after the first piece has gone
// out can no longer change the status: the connection is cut, so the
// client sees a truncated body rather than a short file.
func (s *Server) exportModules(w http.ResponseWriter, r *http.Request) {
	ctx, ok := s.forward(w, r, pb.InteropService_ExportModules_FullMethodName)
	if !ok {
		return
	}
	req := &pb.ExportModulesRequest{Parent: "academies/" + r.PathValue("academy") + "/curricula/" + r.PathValue("curriculum")}
	if v := r.URL.Query().Get("byte_order_mark"); v != "" {
		b, err := strconv.ParseBool(v)
		if err != nil {
			s.restError(ctx, w, r, status.Errorf(codes.InvalidArgument, "byte_order_mark: %q is not true or false", v))
			return
		}
		req.ByteOrderMark = b
	}
	stream, err := pb.NewInteropServiceClient(s.gateway.conn).ExportModules(ctx, req)
	if err != nil {
		s.restError(ctx, w, r, err)
		return
	}
	first, err := stream.Recv()
	if err != nil {
		s.restError(ctx, w, r, err)
		return
	}
	if header, err := stream.Header(); err == nil {
		setRequestID(w, header)
	}
	w.Header().Set("Content-Type", first.GetContentType())
	file := r.PathValue("curriculum")
	if file == "-" {
		file = "all"
	}
	w.Header().Set("Content-Disposition", fmt.Sprintf(`attachment; filename="%s-%s-modules.csv"`, r.PathValue("academy"), file))
	for chunk := first; ; {
		if _, err := w.Write(chunk.GetData()); err != nil {
			return // the client has gone
		}
		if chunk, err = stream.Recv(); errors.Is(err, io.EOF) {
			return
		} else if err != nil {
			s.log.WarnContext(ctx, "module export cut short", "err", err)
			panic(http.ErrAbortHandler)
		}
	}
}

func setRequestID(w http.ResponseWriter, md metadata.MD) {
	if v := md.Get("x-request-id"); len(v) > 0 {
		w.Header().Set("X-Request-Id", v[0])
	}
}
