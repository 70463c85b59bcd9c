package services

import (
	"bytes"
	"context"
	"encoding/json"
	"fmt"
	"regexp"
	"strings"
	"sync"

	pb "github.com/concord-ibm/concord/api/concord/v1"
	"github.com/concord-ibm/concord/curricula"
	"github.com/concord-ibm/concord/interop/casefmt"
	"google.golang.org/genproto/googleapis/api/httpbody"
)

// CaseService implements pb.CaseServiceServer: the CASE 1.1 REST binding,
// read-only. Its records are those of the CASE export of every framework
// (casefmt.Export, with the same base URL as ExportFramework), so that a
// record read here is the record of the package, with the link to its
// document added (CFDocumentURI; CFPackageURI on a document).
//
// Identifiers are resolved through an index of every framework's export,
// built on first use and rebuilt when the store's last change sequence
// has moved on; its size is that of the exported packages.
type CaseService struct {
	pb.UnimplementedCaseServiceServer
	store   curricula.Store
	baseURL string

	mu  sync.Mutex
	idx *caseIndex
}

// NewCaseService returns the CASE service over s; baseURL is the root of
// the binding (".../ims/case/v1p1"; empty: urn:uuid: URIs).
func NewCaseService(s curricula.Store, baseURL string) *CaseService {
	return &CaseService{store: s, baseURL: strings.TrimRight(baseURL, "/")}
}

// caseIndex holds every framework's CASE records.
type caseIndex struct {
	seq     uint64
	docs    []json.RawMessage     // one CFDocument per framework, in name order
	records map[string]caseRecord // by lower-cased identifier
}

type caseRecord struct {
	class string          // CFDocument, CFItem or CFAssociation
	body  json.RawMessage // the record as served
	pkg   json.RawMessage // a CFDocument's whole CFPackage
}

// caseDefaultLimit is the CASE binding's default page size.
const caseDefaultLimit = 100

var uuidPattern = regexp.MustCompile(`^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$`)

// IsCaseIdentifier reports whether id has the form of a CASE identifier (a
// UUID).
func IsCaseIdentifier(id string) bool { return uuidPattern.MatchString(id) }

func (s *CaseService) ListCFDocuments(ctx context.Context, req *pb.ListCFDocumentsRequest) (*httpbody.HttpBody, error) {
	limit, offset := int(req.GetLimit()), int(req.GetOffset())
	if limit < 0 {
		return nil, invalid("limit", "must not be negative")
	}
	if offset < 0 {
		return nil, invalid("offset", "must not be negative")
	}
	if limit == 0 {
		limit = caseDefaultLimit
	}
	idx, err := s.index(ctx)
	if err != nil {
		return nil, err
	}
	docs := idx.docs[min(offset, len(idx.docs)):]
	docs = docs[:min(limit, len(docs))]
	return caseJSON(struct {
		CFDocuments []json.RawMessage `json:"CFDocuments"`
	}{append([]json.RawMessage{}, docs...)})
}

func (s *CaseService) GetCFDocument(ctx context.Context, req *pb.GetCFDocumentRequest) (*httpbody.HttpBody, error) {
	r, err := s.record(ctx, "CFDocument", req.GetSourcedId())
	if err != nil {
		return nil, err
	}
	return &httpbody.HttpBody{ContentType: ContentTypeJSON, Data: r.body}, nil
}

func (s *CaseService) GetCFPackage(ctx context.Context, req *pb.GetCFPackageRequest) (*httpbody.HttpBody, error) {
	r, err := s.record(ctx, "CFDocument", req.GetSourcedId())
	if err != nil {
		return nil, err
	}
	return &httpbody.HttpBody{ContentType: ContentTypeJSON, Data: r.pkg}, nil
}

func (s *CaseService) GetCFItem(ctx context.Context, req *pb.GetCFItemRequest) (*httpbody.HttpBody, error) {
	r, err := s.record(ctx, "CFItem", req.GetSourcedId())
	if err != nil {
		return nil, err
	}
	return &httpbody.HttpBody{ContentType: ContentTypeJSON, Data: r.body}, nil
}

func (s *CaseService) GetCFAssociation(ctx context.Context, req *pb.GetCFAssociationRequest) (*httpbody.HttpBody, error) {
	r, err := s.record(ctx, "CFAssociation", req.GetSourcedId())
	if err != nil {
		return nil, err
	}
	return &httpbody.HttpBody{ContentType: ContentTypeJSON, Data: r.body}, nil
}

func (s *CaseService) record(ctx context.Context, class, id string) (caseRecord, error) {
	if !IsCaseIdentifier(id) {
		return caseRecord{}, curricula.Errorf(curricula.ENOTFOUND, "%q is not a CASE identifier (a UUID)", id)
	}
	idx, err := s.index(ctx)
	if err != nil {
		return caseRecord{}, err
	}
	r, ok := idx.records[strings.ToLower(id)]
	if !ok || r.class != class {
		return caseRecord{}, curricula.Errorf(curricula.ENOTFOUND, "no %s has the identifier %s", class, id)
	}
	return r, nil
}

func caseJSON(v any) (*httpbody.HttpBody, error) {
	b, err := json.Marshal(v)
	if err != nil {
		return nil, curricula.Internal(err)
	}
	return &httpbody.HttpBody{ContentType: ContentTypeJSON, Data: b}, nil
}

// index returns the current index, rebuilding it when the store changed.
func (s *CaseService) index(ctx context.Context) (*caseIndex, error) {
	seq, err := s.store.LastSequence(ctx)
	if err != nil {
		return nil, err
	}
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.idx != nil && s.idx.seq == seq {
		return s.idx, nil
	}
	idx, err := s.build(ctx)
	if err != nil {
		return nil, err
	}
	idx.seq = seq // the sequence read before the build: at worst, one rebuild too many
	s.idx = idx
	return idx, nil
}

type caseFramework struct {
	f  *curricula.Framework
	cs []*curricula.Competency
}

// build exports every framework, read in one transaction.
func (s *CaseService) build(ctx context.Context) (*caseIndex, error) {
	var fws []caseFramework
	err := s.store.View(ctx, func(tx curricula.Tx) error {
		return tx.Scan(curricula.KindFramework, "", "", func(name string, decode func(curricula.Resource) error) (bool, error) {
			fw := caseFramework{f: new(curricula.Framework)}
			if err := decode(fw.f); err != nil {
				return false, err
			}
			err := tx.Scan(curricula.KindCompetency, name, "", func(_ string, decode func(curricula.Resource) error) (bool, error) {
				c := new(curricula.Competency)
				if err := decode(c); err != nil {
					return false, err
				}
				fw.cs = append(fw.cs, c)
				return true, nil
			})
			fws = append(fws, fw)
			return true, err
		})
	})
	if err != nil {
		return nil, err
	}
	idx := &caseIndex{records: map[string]caseRecord{}}
	for _, fw := range fws {
		if err := s.add(idx, fw); err != nil {
			return nil, err
		}
	}
	return idx, nil
}

// caseLink is a CASE LinkURI.
type caseLink struct {
	Title      string `json:"title"`
	Identifier string `json:"identifier"`
	URI        string `json:"uri"`
}

// add indexes the records of one framework's export.
func (s *CaseService) add(idx *caseIndex, fw caseFramework) error {
	var b bytes.Buffer
	if err := casefmt.Export(&b, fw.f, fw.cs, casefmt.ExportOptions{BaseURL: s.baseURL}); err != nil {
		return curricula.Internal(fmt.Errorf("CASE export of %s: %w", fw.f.Name, err))
	}
	var pkg struct {
		CFDocument     json.RawMessage
		CFItems        []json.RawMessage
		CFAssociations []json.RawMessage
	}
	if err := json.Unmarshal(b.Bytes(), &pkg); err != nil {
		return curricula.Internal(err)
	}
	var doc caseLink
	if err := json.Unmarshal(pkg.CFDocument, &doc); err != nil {
		return curricula.Internal(err)
	}
	pkgLink := caseLink{Title: doc.Title, Identifier: doc.Identifier, URI: s.uri("CFPackages", doc.Identifier)}
	body, err := withLink(pkg.CFDocument, "CFPackageURI", pkgLink)
	if err != nil {
		return err
	}
	idx.docs = append(idx.docs, body)
	put := func(class string, raw json.RawMessage, r caseRecord) error {
		var id struct{ Identifier string }
		if err := json.Unmarshal(raw, &id); err != nil {
			return curricula.Internal(err)
		}
		key := strings.ToLower(id.Identifier)
		if _, taken := idx.records[key]; !taken { // an identifier of an earlier framework wins
			r.class = class
			idx.records[key] = r
		}
		return nil
	}
	if err := put("CFDocument", pkg.CFDocument, caseRecord{body: body, pkg: b.Bytes()}); err != nil {
		return err
	}
	for _, group := range []struct {
		class string
		raws  []json.RawMessage
	}{{"CFItem", pkg.CFItems}, {"CFAssociation", pkg.CFAssociations}} {
		for _, raw := range group.raws {
			body, err := withLink(raw, "CFDocumentURI", doc)
			if err != nil {
				return err
			}
			if err := put(group.class, raw, caseRecord{body: body}); err != nil {
				return err
			}
		}
	}
	return nil
}

func (s *CaseService) uri(class, id string) string {
	if s.baseURL == "" {
		return "urn:uuid:" + id
	}
	return s.baseURL + "/" + class + "/" + id
}

// withLink returns the JSON object raw with key set to link.
func withLink(raw json.RawMessage, key string, link caseLink) (json.RawMessage, error) {
	var obj map[string]json.RawMessage
	if err := json.Unmarshal(raw, &obj); err != nil {
		return nil, curricula.Internal(err)
	}
	l, err := json.Marshal(link)
	if err != nil {
		return nil, curricula.Internal(err)
	}
	obj[key] = l
	out, err := json.Marshal(obj)
	if err != nil {
		return nil, curricula.Internal(err)
	}
	return out, nil
}
