package server

import (
	"context"
	"encoding/json"
	"net/http"
	"path"
	"strings"

	"github.com/concord-ibm/concord/services"
	"github.com/grpc-ecosystem/grpc-gateway/v2/runtime"
	"google.golang.org/grpc/codes"
	"google.golang.org/grpc/status"
)

// CaseRoot is where the CASE 1.1 REST binding is served (CaseService,
// through the gateway).
const CaseRoot = "/ims/case/v1p1"

// caseStatus is CASE's imsx_StatusInfo, the body of its error answers.
type caseStatus struct {
	CodeMajor   string        `json:"imsx_codeMajor"`
	Severity    string        `json:"imsx_severity"`
	Description string        `json:"imsx_description"`
	CodeMinor   caseCodeMinor `json:"imsx_codeMinor"`
}

type caseCodeMinor struct {
	Fields []caseCodeMinorField `json:"imsx_codeMinorField"`
}

type caseCodeMinorField struct {
	Name  string `json:"imsx_codeMinorFieldName"`
	Value string `json:"imsx_codeMinorFieldValue"`
}

// caseError answers err on a CASE path in CASE's error shape, with the
// HTTP status the gateway would use and the CASE codeMinor for it.
func caseError(ctx context.Context, w http.ResponseWriter, r *http.Request, err error) {
	if md, ok := runtime.ServerMetadataFromContext(ctx); ok {
		setRequestID(w, md.HeaderMD)
	}
	st := status.Convert(err)
	code := runtime.HTTPStatusFromCode(st.Code())
	field, minor := "TargetEndSystem", "internal_server_error"
	switch st.Code() {
	case codes.NotFound:
		field, minor = "sourcedId", "unknownobject"
		if !services.IsCaseIdentifier(path.Base(r.URL.Path)) {
			minor = "invalid_uuid"
		}
	case codes.InvalidArgument:
		minor = "invalid_selection_field"
	case codes.Unauthenticated:
		minor = "unauthorisedrequest"
		w.Header().Set("WWW-Authenticate", `Bearer realm="concord"`)
	case codes.PermissionDenied:
		minor = "forbidden"
	case codes.ResourceExhausted, codes.Unavailable:
		minor = "server_busy"
	}
	w.Header().Set("Content-Type", "application/json")
	w.WriteHeader(code)
	json.NewEncoder(w).Encode(caseStatus{CodeMajor: "failure", Severity: "error", Description: st.Message(),
		CodeMinor: caseCodeMinor{Fields: []caseCodeMinorField{{Name: field, Value: minor}}}})
}

func isCasePath(p string) bool { return strings.HasPrefix(p, CaseRoot+"/") }
