package variants

// hugoConfig is the overlay's config.toml: what a variant sets over the
// site's config.toml, one type written by one TOML encoder (Prepare).
// Every field is read by Hugo or by the templates (site.Params).
type hugoConfig struct {
	BaseURL                string                    `toml:"baseURL"`
	DefaultContentLanguage string                    `toml:"defaultContentLanguage"`
	DisableLanguages       []string                  `toml:"disableLanguages,omitempty"`
	Params                 variantParams             `toml:"params"`
	Languages              map[string]languageConfig `toml:"languages"`
	Module                 struct {
		Mounts []mount `toml:"mounts"`
	} `toml:"module"`
}

// variantParams are the site params a variant sets (site.Params.* in the
// templates).
type variantParams struct {
	Variant      string `toml:"variant"`
	Slug         string `toml:"slug"`
	Organisation string `toml:"organisation"`
	// The logo and the box the header reserves for it, so nothing moves
	// when it arrives (brand.go).
	Logo          string           `toml:"logo,omitempty"`
	LogoHeight    int              `toml:"logo_height,omitempty"`
	LogoWidth     int              `toml:"logo_width,omitempty"`
	LogoShowsName bool             `toml:"logo_shows_name,omitempty"`
	Favicon       string           `toml:"favicon,omitempty"`
	Contact       *contactParams   `toml:"contact,omitempty"`
	Questions     []questionParams `toml:"extra_questions,omitempty"`
}

type contactParams struct {
	Name  string `toml:"name,omitempty"`
	Email string `toml:"email,omitempty"`
	Phone string `toml:"phone,omitempty"`
	URL   string `toml:"url,omitempty"`
}

// questionParams is one of the organisation's own questions: its
// method, agenda item and who asks it ("method", "agenda", "asks") and
// its text in each language of the variant, keyed by the language code
// beside them ("nl", "de"), as the templates read it: a map, since the
// languages are the site's.
type questionParams map[string]string

// languageConfig is one language of the variant.
type languageConfig struct {
	Weight int             `toml:"weight"`
	Title  string          `toml:"title,omitempty"`
	Params *languageParams `toml:"params,omitempty"`
}

type languageParams struct {
	Terms    map[string]string `toml:"terms,omitempty"`
	OwnTitle bool              `toml:"own_title,omitempty"`
}

// mount is one of Hugo's module mounts.
type mount struct {
	Source string      `toml:"source"`
	Target string      `toml:"target"`
	Sites  *mountSites `toml:"sites,omitempty"`
	Files  []string    `toml:"files,omitempty"`
}

type mountSites struct {
	Matrix struct {
		Languages []string `toml:"languages"`
	} `toml:"matrix"`
}

// onlyIn is a mount's sites for one language.
func onlyIn(lang string) *mountSites {
	s := &mountSites{}
	s.Matrix.Languages = []string{lang}
	return s
}
