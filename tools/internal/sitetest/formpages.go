package sitetest

import (
	"encoding/json"
	"fmt"
	"testing"
)

// FormPages returns the form pages of a site built in dir, by site path.
func FormPages(t testing.TB, dir string) map[string]*Page {
	t.Helper()
	forms := map[string]*Page{}
	for u, p := range Pages(t, dir) {
		if p.Doc.Find("form#gw-form").Length() > 0 {
			forms[u] = p
		}
	}
	return forms
}

// FormConfig is the #gw-config data block of a form page.
type FormConfig struct {
	Method  string             `json:"method"`
	Version int                `json:"version"`
	Lang    string             `json:"lang"`
	Title   string             `json:"title"`
	Site    string             `json:"site"`
	Signoff string             `json:"signoff"`
	Tools   Script             `json:"tools"`
	Sign    Script             `json:"sign"`
	Hash    string             `json:"hash"` // SHA-256 without Web Crypto
	Msg     map[string]Message `json:"msg"`
	Methods []struct {
		ID         string   `json:"id"`
		Form       string   `json:"form"`
		Version    int      `json:"version"`
		Roles      []string `json:"roles"`
		Agreements []string `json:"agreements"`
	} `json:"methods"`
}

// Script is a module the form script loads when needed, with its hash.
type Script struct {
	Src       string `json:"src"`
	Integrity string `json:"integrity"`
}

// Message is one message of the form's configuration: a string, or, where
// it names a count, its two plural forms.
type Message struct {
	text       string
	one, other string
	plural     bool
}

func (m *Message) UnmarshalJSON(b []byte) error {
	if err := json.Unmarshal(b, &m.text); err == nil {
		return nil
	}
	var p struct{ One, Other *string }
	if err := json.Unmarshal(b, &p); err != nil || p.One == nil || p.Other == nil {
		return fmt.Errorf("a message is a string or {\"one\", \"other\"}: %s", b)
	}
	m.one, m.other, m.plural = *p.One, *p.Other, true
	return nil
}

// Forms are the texts a reader may see.
func (m Message) Forms() []string {
	if m.plural {
		return []string{m.one, m.other}
	}
	return []string{m.text}
}

// ConfigOf reads the configuration of a built form page.
func ConfigOf(t testing.TB, p *Page) FormConfig {
	t.Helper()
	var c FormConfig
	if err := json.Unmarshal([]byte(p.Doc.Find("script#gw-config").Text()), &c); err != nil {
		t.Fatalf("%s: #gw-config is not JSON: %v", p.URL, err)
	}
	return c
}
