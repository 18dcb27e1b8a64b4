package serverconfig

import (
	"bytes"
	"encoding/xml"
	"strings"
)

// The elements of web.config this writes, as IIS's configuration schema
// names them (system.webServer; rewrite is the URL Rewrite module's).
type (
	iisConfig struct {
		XMLName   xml.Name    `xml:"configuration"`
		WebServer iisServer   `xml:"system.webServer"`
		Locations []iisLocate `xml:"location"`
	}
	iisLocate struct {
		Path      string    `xml:"path,attr"`
		WebServer iisServer `xml:"system.webServer"`
	}
	iisServer struct {
		DefaultDocument *iisDefaultDoc    `xml:"defaultDocument,omitempty"`
		DirectoryBrowse *iisEnabled       `xml:"directoryBrowse,omitempty"`
		StaticContent   *iisStaticContent `xml:"staticContent,omitempty"`
		HTTPProtocol    *iisHTTPProtocol  `xml:"httpProtocol,omitempty"`
		HTTPErrors      *iisHTTPErrors    `xml:"httpErrors"`
		Security        *iisSecurity      `xml:"security,omitempty"`
		Rewrite         *iisRewrite       `xml:"rewrite,omitempty"`
	}
	iisEnabled struct {
		Enabled bool `xml:"enabled,attr"`
	}
	iisDefaultDoc struct {
		Enabled bool       `xml:"enabled,attr"`
		Files   iisAddList `xml:"files"`
	}
	iisAddList struct {
		Clear *struct{} `xml:"clear"`
		Add   []iisAdd  `xml:"add"`
	}
	iisAdd struct {
		Value string `xml:"value,attr"`
	}
	iisStaticContent struct {
		Items       []any          `xml:",any"`
		ClientCache iisClientCache `xml:"clientCache"`
	}
	iisRemoveExt struct {
		XMLName xml.Name `xml:"remove"`
		Ext     string   `xml:"fileExtension,attr"`
	}
	iisMimeMap struct {
		XMLName xml.Name `xml:"mimeMap"`
		Ext     string   `xml:"fileExtension,attr"`
		Type    string   `xml:"mimeType,attr"`
	}
	iisClientCache struct {
		Mode string `xml:"cacheControlMode,attr"`
	}
	iisHTTPProtocol struct {
		CustomHeaders struct {
			Items []any `xml:",any"`
		} `xml:"customHeaders"`
	}
	iisRemoveName struct {
		XMLName xml.Name `xml:"remove"`
		Name    string   `xml:"name,attr"`
	}
	iisHeader struct {
		XMLName xml.Name `xml:"add"`
		Name    string   `xml:"name,attr"`
		Value   string   `xml:"value,attr"`
	}
	iisHTTPErrors struct {
		ErrorMode        string `xml:"errorMode,attr"`
		ExistingResponse string `xml:"existingResponse,attr"`
		Remove           struct {
			Status    int `xml:"statusCode,attr"`
			SubStatus int `xml:"subStatusCode,attr"`
		} `xml:"remove"`
		Error struct {
			Status int    `xml:"statusCode,attr"`
			Path   string `xml:"path,attr"`
			Mode   string `xml:"responseMode,attr"`
		} `xml:"error"`
	}
	iisSecurity struct {
		RequestFiltering struct {
			RemoveServerHeader bool `xml:"removeServerHeader,attr"`
			// URL sequences answered with 404 (404.5) by request filtering.
			DenyURLSequences []iisSequence `xml:"denyUrlSequences>add"`
		} `xml:"requestFiltering"`
	}
	iisSequence struct {
		Sequence string `xml:"sequence,attr"`
	}
	iisRewrite struct {
		OutboundRules struct {
			Rules         []iisRule         `xml:"rule"`
			PreConditions []iisPreCondition `xml:"preConditions>preCondition"`
		} `xml:"outboundRules"`
	}
	iisRule struct {
		Name         string `xml:"name,attr"`
		PreCondition string `xml:"preCondition,attr"`
		Match        struct {
			ServerVariable string `xml:"serverVariable,attr"`
			Pattern        string `xml:"pattern,attr"`
		} `xml:"match"`
		Action struct {
			Type  string `xml:"type,attr"`
			Value string `xml:"value,attr"`
		} `xml:"action"`
	}
	iisPreCondition struct {
		Name string `xml:"name,attr"`
		Add  struct {
			Input   string `xml:"input,attr"`
			Pattern string `xml:"pattern,attr"`
		} `xml:"add"`
	}
)

// iis writes a web.config for the site's folder (an IIS site, application
// or virtual directory at the base path). IIS sets headers per folder, not
// per type, so the headers of "other" files are custom headers and the
// URL Rewrite module's outbound rules replace the policy of pages and SVG
// images (by response type) and the caching of fingerprinted assets (by
// path). Written with encoding/xml, which escapes every value.
func iis(s *Site, o Options) (string, error) {
	folders, pages := s.notFound()
	notFound := func(page string) *iisHTTPErrors {
		e := &iisHTTPErrors{ErrorMode: "Custom", ExistingResponse: "Replace"}
		e.Remove.Status, e.Remove.SubStatus = 404, -1
		e.Error.Status, e.Error.Path, e.Error.Mode = 404, page, "ExecuteURL"
		return e
	}
	w := iisServer{
		DefaultDocument: &iisDefaultDoc{Enabled: true, Files: iisAddList{Clear: &struct{}{}, Add: []iisAdd{{"index.html"}}}},
		DirectoryBrowse: &iisEnabled{false},
		StaticContent:   &iisStaticContent{ClientCache: iisClientCache{"DisableCache"}}, // Cache-Control: no-cache
		HTTPProtocol:    &iisHTTPProtocol{},
		HTTPErrors:      notFound(pages[len(pages)-1]),
		Security:        &iisSecurity{},
		Rewrite:         &iisRewrite{},
	}
	w.Security.RequestFiltering.RemoveServerHeader = true // IIS 10 (1709) and later
	// Nothing whose name starts with a dot is served (HiddenPattern): the
	// output's marker, lock files. Request filtering answers 404 for a
	// URL holding "/.", before anything is read.
	w.Security.RequestFiltering.DenyURLSequences = []iisSequence{{"/."}}
	for _, t := range Types {
		// IIS refuses a web.config that maps a type it already knows: remove first.
		w.StaticContent.Items = append(w.StaticContent.Items, iisRemoveExt{Ext: "." + t.Ext}, iisMimeMap{Ext: "." + t.Ext, Type: t.ContentType()})
	}
	ch := &w.HTTPProtocol.CustomHeaders
	ch.Items = append(ch.Items, iisRemoveName{Name: "X-Powered-By"})
	for _, h := range s.Headers(Other) {
		if h.Name == "Cache-Control" {
			continue // clientCache sends it; a custom header would send it twice
		}
		// A header the server level already adds would be a duplicate: IIS refuses those.
		ch.Items = append(ch.Items, iisRemoveName{Name: h.Name}, iisHeader{Name: h.Name, Value: h.Value})
	}
	out := &w.Rewrite.OutboundRules
	for _, c := range []struct {
		class          Class
		name, input, p string
	}{
		{HTML, "page", "{RESPONSE_CONTENT_TYPE}", `^text/html`},
		{SVG, "svg", "{RESPONSE_CONTENT_TYPE}", `^image/svg\+xml`},
		{Fingerprinted, "fingerprinted", "{URL}", FingerprintedPattern},
	} {
		pre := iisPreCondition{Name: "gesprekswijzer " + c.name}
		pre.Add.Input, pre.Add.Pattern = c.input, c.p
		out.PreConditions = append(out.PreConditions, pre)
		for _, h := range s.ClassHeaders(c.class) {
			if h.Value == valueOf(s.ClassHeaders(Other), h.Name) {
				continue // already sent to every file
			}
			r := iisRule{Name: "gesprekswijzer " + c.name + " " + strings.ToLower(h.Name), PreCondition: pre.Name}
			r.Match.ServerVariable = "RESPONSE_" + strings.ReplaceAll(h.Name, "-", "_")
			r.Match.Pattern = ".*"
			r.Action.Type, r.Action.Value = "Rewrite", h.Value
			out.Rules = append(out.Rules, r)
		}
	}
	cfg := iisConfig{WebServer: w}
	for i, folder := range folders[:len(folders)-1] {
		cfg.Locations = append(cfg.Locations, iisLocate{
			Path:      strings.TrimSuffix(strings.TrimPrefix(folder, s.BasePath), "/"),
			WebServer: iisServer{HTTPErrors: notFound(pages[i])},
		})
	}
	var b bytes.Buffer
	b.WriteString(xml.Header)
	b.WriteString("<!--\n")
	b.WriteString(strings.ReplaceAll(comment(intro(s, o, "IIS", strings.Join([]string{
		"Serves the site under " + s.BasePath + ". -root is not used: IIS serves the",
		"folder this file is in. Save it as web.config in the site's folder (beside",
		"index.html) and make that folder an IIS site, application or virtual",
		"directory at " + s.BasePath + ".",
		"Needs IIS 10 and the URL Rewrite module (its outbound rules set the",
		"headers by type; without it IIS refuses this file with error 500.19,",
		"rather than serving pages without their policy). IIS reloads it by itself.",
	}, "\n")), "  "), "--", "- -"))
	b.WriteString("-->\n")
	enc := xml.NewEncoder(&b)
	enc.Indent("", "  ")
	if err := enc.Encode(cfg); err != nil {
		return "", err
	}
	b.WriteString("\n")
	return b.String(), nil
}

func valueOf(hs []Header, name string) string {
	for _, h := range hs {
		if h.Name == name {
			return h.Value
		}
	}
	return ""
}
