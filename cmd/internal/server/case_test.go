package server

import (
	"context"
	"encoding/json"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"testing"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/interop/casefmt"
	"github.com/stretchr/testify/require"
)

// get answers the status, content type and body of GET path.
func (ts *testServer) get(t *testing.T, path string) (int, string, []byte) {
	t.Helper()
	resp, err := http.Get(ts.base + path)
	require.NoError(t, err)
	defer resp.Body.Close()
	b, err := io.ReadAll(resp.Body)
	require.NoError(t, err)
	return resp.StatusCode, resp.Header.Get("Content-Type"), b
}

type caseRecordJSON struct {
	Identifier        string
	URI               string
	Title             string
	FullStatement     string
	HumanCodingScheme string
	AssociationType   string
	CFDocumentURI     struct{ Identifier, URI string }
	CFPackageURI      struct{ Identifier, URI string }
	OriginNodeURI     struct{ Identifier string }
}

func TestCASERESTServesTheSeededFramework(t *testing.T) {
	ts := startServer(t)
	root := "/ims/case/v1p1"
	docID := casefmt.Identifier("frameworks/ibm-core")

	code, ctype, body := ts.get(t, root+"/CFDocuments")
	require.Equal(t, http.StatusOK, code, string(body))
	require.Equal(t, "application/json", ctype)
	var list struct{ CFDocuments []caseRecordJSON }
	require.NoError(t, json.Unmarshal(body, &list))
	require.Len(t, list.CFDocuments, 1)
	doc := list.CFDocuments[0]
	require.Equal(t, docID, doc.Identifier)
	require.Equal(t, ts.base+root+"/CFDocuments/"+docID, doc.URI)
	require.Equal(t, ts.base+root+"/CFPackages/"+docID, doc.CFPackageURI.URI)

	code, _, body = ts.get(t, root+"/CFDocuments/"+docID)
	require.Equal(t, http.StatusOK, code)
	var one caseRecordJSON
	require.NoError(t, json.Unmarshal(body, &one))
	require.Equal(t, doc, one)

	// the package validates against the official schema and holds every
	// competency, with one isChildOf association each
	code, _, body = ts.get(t, root+"/CFPackages/"+docID)
	require.Equal(t, http.StatusOK, code)
	requireValidCASE(t, body)
	var pkg struct {
		CFDocument     caseRecordJSON
		CFItems        []caseRecordJSON
		CFAssociations []caseRecordJSON
	}
	require.NoError(t, json.Unmarshal(body, &pkg))
	comps, err := pb.NewFrameworkServiceClient(ts.conn).ListCompetencies(context.Background(),
		&pb.ListCompetenciesRequest{Parent: "frameworks/ibm-core", PageSize: 1000})
	require.NoError(t, err)
	require.Len(t, pkg.CFItems, len(comps.GetCompetencies()))
	require.Len(t, pkg.CFAssociations, len(comps.GetCompetencies()))

	// an item by the identifier of its competency's name
	c := comps.GetCompetencies()[1]
	itemID := casefmt.Identifier(c.GetName())
	code, _, body = ts.get(t, root+"/CFItems/"+itemID)
	require.Equal(t, http.StatusOK, code, string(body))
	var item caseRecordJSON
	require.NoError(t, json.Unmarshal(body, &item))
	require.Equal(t, itemID, item.Identifier)
	require.Equal(t, c.GetCode(), item.HumanCodingScheme)
	require.Equal(t, docID, item.CFDocumentURI.Identifier)
	require.Equal(t, ts.base+root+"/CFItems/"+itemID, item.URI)

	// an association, as listed in the package
	a := pkg.CFAssociations[3]
	code, _, body = ts.get(t, root+"/CFAssociations/"+a.Identifier)
	require.Equal(t, http.StatusOK, code)
	var assoc caseRecordJSON
	require.NoError(t, json.Unmarshal(body, &assoc))
	require.Equal(t, "isChildOf", assoc.AssociationType)
	require.Equal(t, a.OriginNodeURI, assoc.OriginNodeURI)
	require.Equal(t, docID, assoc.CFDocumentURI.Identifier)

	// an item is not a document, nor the other way round
	code, _, _ = ts.get(t, root+"/CFDocuments/"+itemID)
	require.Equal(t, http.StatusNotFound, code)
	code, _, _ = ts.get(t, root+"/CFItems/"+docID)
	require.Equal(t, http.StatusNotFound, code)
}

func TestCASERESTErrorsAndNewFrameworks(t *testing.T) {
	ts := startServer(t)
	root := "/ims/case/v1p1"
	for _, tc := range []struct {
		path, minor string
		code        int
	}{
		{root + "/CFItems/9d9c7bd2-6a39-4b2b-8b6c-0c6a0b1b1b1b", "unknownobject", http.StatusNotFound},
		{root + "/CFPackages/not-a-uuid", "invalid_uuid", http.StatusNotFound},
		{root + "/CFAssociations/9d9c7bd2-6a39-4b2b-8b6c-0c6a0b1b1b1b", "unknownobject", http.StatusNotFound},
		{root + "/CFDocuments?limit=-1", "invalid_selection_field", http.StatusBadRequest},
	} {
		code, ctype, body := ts.get(t, tc.path)
		require.Equal(t, tc.code, code, tc.path)
		require.Equal(t, "application/json", ctype)
		var st struct {
			CodeMajor string `json:"imsx_codeMajor"`
			Severity  string `json:"imsx_severity"`
			Desc      string `json:"imsx_description"`
			CodeMinor struct {
				Fields []struct {
					Name  string `json:"imsx_codeMinorFieldName"`
					Value string `json:"imsx_codeMinorFieldValue"`
				} `json:"imsx_codeMinorField"`
			} `json:"imsx_codeMinor"`
		}
		require.NoError(t, json.Unmarshal(body, &st), string(body))
		require.Equal(t, "failure", st.CodeMajor)
		require.Equal(t, "error", st.Severity)
		require.NotEmpty(t, st.Desc)
		require.Len(t, st.CodeMinor.Fields, 1)
		require.Equal(t, tc.minor, st.CodeMinor.Fields[0].Value, tc.path)
	}

	// a framework imported later is served at once (the index follows
	// the store), and limit/offset page the documents
	content, err := os.ReadFile(filepath.Join(caseFixtureDir(t), "opensalt-SmartLevelFramework.json"))
	require.NoError(t, err)
	_, err = pb.NewInteropServiceClient(ts.conn).ImportFramework(context.Background(),
		&pb.ImportFrameworkRequest{Format: pb.FrameworkFormat_CASE, Content: content})
	require.NoError(t, err)
	var list struct{ CFDocuments []caseRecordJSON }
	_, _, body := ts.get(t, root+"/CFDocuments")
	require.NoError(t, json.Unmarshal(body, &list))
	require.Len(t, list.CFDocuments, 2)
	_, _, body = ts.get(t, root+"/CFDocuments?limit=1&offset=1")
	require.NoError(t, json.Unmarshal(body, &list))
	require.Len(t, list.CFDocuments, 1)
	require.Equal(t, casefmt.Identifier("frameworks/smartlevel-test"), list.CFDocuments[0].Identifier)

	// items imported without humanCodingScheme keep their CASE identifier
	code, _, body := ts.get(t, root+"/CFItems/00000000-0000-0000-0000-000000000003")
	require.Equal(t, http.StatusOK, code, string(body))
	var item caseRecordJSON
	require.NoError(t, json.Unmarshal(body, &item))
	require.Equal(t, "Item 1.1", item.FullStatement)
}
