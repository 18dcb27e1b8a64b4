package org

import (
	"errors"
	"fmt"
	"io/fs"
	"path"
	"path/filepath"
	"strings"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/problem"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tokens"
	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/tomlpos"
)

// colourKeys are the colours org.toml may write in [brand], with the
// site's custom property each sets.
var colourKeys = []struct{ key, property string }{
	{"primary", "--gw-primary"},
	{"on_primary", "--gw-on-primary"},
	{"accent", "--gw-accent"},
	{"on_accent", "--gw-on-accent"},
}

// brand reads [brand]: the images, a design-token file (tokens, or a
// theme stylesheet in tokens_css), then the colours written here, which
// win over the tokens; then the contrast checks on the result.
func (v *validator) brand(raw map[string]any, o *Org) {
	b, ok := v.table(raw, "", "brand", true)
	if !ok {
		return
	}
	v.keys(b, "brand", []string{"logo", "logo_shows_name", "favicon", "tokens", "tokens_css", "tokens_css_selector", "primary", "on_primary", "accent", "on_accent"})
	o.Brand.Logo = v.image(b, "logo", true)
	o.Brand.Favicon = v.image(b, "favicon", false)
	switch x := b["logo_shows_name"].(type) {
	case nil:
	case bool:
		o.Brand.LogoShowsName = x
	default:
		v.add("brand.logo_shows_name", "write logo_shows_name = true (the logo is a wordmark with the name in it) or leave it out", "brand.logo_shows_name must be true or false, not %s", tomlpos.TypeName(x))
	}

	colours, fromTokens, tokensOK := v.tokenFile(b)
	// Properties whose colour could not be read: their pairs are not
	// checked (the default would stand in and mislead).
	unread := map[string]bool{}
	for _, c := range colourKeys {
		// Without a token file, primary and accent are the brand.
		required := !fromTokens && (c.key == "primary" || c.key == "accent")
		s := strings.TrimSpace(v.str(b, "brand", c.key, required))
		if s == "" {
			continue
		}
		line, _ := v.pos.Line("brand." + c.key)
		if err := colours.Set(c.property, s, "brand."+c.key, v.file, line); err != nil {
			v.add("brand."+c.key, fmt.Sprintf(`write it as #rrggbb, e.g. %s = "#0b4f8a" (any CSS colour that is not translucent will do)`, c.key), "brand.%s: %v", c.key, err)
			unread[c.property] = true
		}
	}
	// A token file with problems is corrected first: its contrast is
	// checked once it reads.
	if tokensOK {
		v.contrast(colours, b, unread)
	}
	o.Brand.Primary = colours.Get("--gw-primary").CSS
	o.Brand.OnPrimary = colours.Get("--gw-on-primary").CSS
	o.Brand.Accent = colours.Get("--gw-accent").CSS
	o.Brand.OnAccent = colours.Get("--gw-on-accent").CSS
	o.Brand.CSS = colours.CSS()
}

// tokenFile reads the design-token file named by tokens (JSON) or
// tokens_css (a theme stylesheet, optionally with tokens_css_selector).
// It returns the brand the file gives (an empty one without a file),
// whether a file was named, and whether it was read without problems.
func (v *validator) tokenFile(b map[string]any) (*tokens.Brand, bool, bool) {
	jsonName := v.str(b, "brand", "tokens", false)
	cssName := v.str(b, "brand", "tokens_css", false)
	selector := strings.TrimSpace(v.str(b, "brand", "tokens_css_selector", false))
	empty := &tokens.Brand{File: v.file}
	switch {
	case jsonName != "" && cssName != "":
		v.add("brand.tokens_css", "keep one of them: tokens for a design-token JSON file, tokens_css for a theme stylesheet", "brand.tokens and brand.tokens_css are both given; a brand comes from one token file")
		return empty, true, false
	case selector != "" && cssName == "":
		v.add("brand.tokens_css_selector", `name the stylesheet with tokens_css = "…", or remove the selector`, "brand.tokens_css_selector chooses a theme inside a stylesheet, but no tokens_css is given")
		return empty, jsonName != "", false
	case jsonName == "" && cssName == "":
		return empty, false, true
	}
	key, name, ext := "tokens", jsonName, ".json"
	if cssName != "" {
		key, name, ext = "tokens_css", cssName, ".css"
	}
	at := "brand." + key
	data, ok := v.read(at, name, ext, tokens.MaxFileBytes, "point to the theme's own token file, not a bundle of several")
	if !ok {
		return empty, true, false
	}
	// The token file's problems name it, its line and the token path.
	shown := path.Join(path.Dir(v.file), name)
	var brand *tokens.Brand
	var problems []problem.Problem
	if key == "tokens" {
		brand, problems = tokens.ParseJSON(data, shown)
	} else {
		var selectors []string
		if selector != "" {
			selectors = []string{selector}
		}
		brand, problems = tokens.ParseCSS(data, shown, selectors...)
	}
	v.problems = append(v.problems, problems...)
	if brand == nil {
		brand = empty
	}
	return brand, true, len(problems) == 0
}

// read reads a file named by the key at (a path relative to the
// organisation's folder, with extension ext) through the confined folder,
// at most limit bytes; a problem is reported at the key's line.
func (v *validator) read(at, name, ext string, limit int64, tooLarge string) ([]byte, bool) {
	if got := strings.ToLower(filepath.Ext(name)); got != ext {
		v.add(at, fmt.Sprintf("name a %s file", ext), "%s %q is not a %s file", at, name, ext)
		return nil, false
	}
	if strings.Contains(name, `\`) || !filepath.IsLocal(filepath.FromSlash(name)) || path.Clean(name) != name {
		v.add(at, fmt.Sprintf("put the file in %s and give its name only", v.dir), "%s %q is outside the organisation's folder", at, name)
		return nil, false
	}
	if v.folder == nil {
		v.add(at, fmt.Sprintf("put %s beside %s, or correct the name", name, FileName), "%s: %s does not exist", at, name)
		return nil, false
	}
	data, err := v.folder.ReadFile(name, limit)
	switch {
	case errors.Is(err, fs.ErrNotExist):
		v.add(at, readFix(err, name, 0, ""), "%s: %s does not exist", at, name)
		return nil, false
	case err != nil:
		v.add(at, readFix(err, name, limit, tooLarge), "%s: %v", at, err)
		return nil, false
	}
	return data, true
}

// contrast reports the brand's colours that fail WCAG AA. A colour
// written in org.toml gets one message naming every pair it fails (one
// mistake, one message: a primary too light for the page is also too light
// for white text on it); a colour from the token file gets the token
// reader's message, with its path, per pair.
func (v *validator) contrast(b *tokens.Brand, table map[string]any, unread map[string]bool) {
	type written struct {
		key      string
		failures []tokens.Failure
	}
	var keys []*written
	byKey := map[string]*written{}
	for _, f := range b.Failures() {
		if unread[f.Fore.Property] || unread[f.Back.Property] {
			continue
		}
		at := f.At()
		if !strings.HasPrefix(at.Source, "brand.") {
			v.problems = append(v.problems, f.Problem())
			continue
		}
		w := byKey[at.Source]
		if w == nil {
			w = &written{key: at.Source}
			byKey[at.Source] = w
			keys = append(keys, w)
		}
		w.failures = append(w.failures, f)
	}
	for _, w := range keys {
		first := w.failures[0]
		at := first.At()
		var parts []string
		for _, f := range w.failures {
			other := f.Back
			if f.At().Property == f.Back.Property {
				other = f.Fore
			}
			parts = append(parts, fmt.Sprintf("%.2f:1 with %s %s (%s), below WCAG AA's %.1f:1 for %s",
				f.Ratio, other.Property, other.CSS, other.Origin(), f.Min, f.Where))
		}
		key := strings.TrimPrefix(w.key, "brand.")
		shown := at.CSS
		if s, ok := table[key].(string); ok {
			shown = strings.TrimSpace(s) // as written
		}
		v.add(w.key, contrastFix(key, first), "brand.%s %s has a contrast of %s", key, shown, strings.Join(parts, "; "))
	}
}

// contrastFix says which colour to change for a failure pointed at key.
func contrastFix(key string, f tokens.Failure) string {
	switch {
	case key == "primary" && f.Fore.Property == "--gw-on-primary":
		return "choose a darker primary colour, or set on_primary to a colour that stands out on it (often #ffffff or #1a1a1a)"
	case key == "primary":
		return "choose a darker primary colour: links, headings and buttons use it on the page and in panels"
	case key == "on_primary":
		return "set on_primary to a colour that stands out on primary (often #ffffff or #1a1a1a)"
	case key == "accent" && f.Fore.Property == "--gw-on-accent":
		return "set on_accent to a colour that stands out on accent (often #1a1a1a or #ffffff)"
	case key == "accent":
		return "choose a lighter accent colour: the focus ring must stand out against the dark edge around it"
	}
	return "set on_accent to a colour that stands out on accent (often #1a1a1a or #ffffff)"
}
