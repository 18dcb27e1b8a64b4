package variants

import (
	"math"
	"os"
	"path/filepath"

	"github.com/gesprekswijzer/gesprekswijzer/tools/internal/org"
)

// LogoHeight is the height, in CSS pixels, at which the header shows a
// logo (site.css's .site-logo): its width follows from the logo's ratio.
const LogoHeight = 48

// writeBrand writes the organisation's images (as the sanitisers wrote
// them out, never the organisation's files) into the overlay's
// static/org/ and its brand stylesheet into assets/css/brand.css (the
// templates bundle it after site.css, minify and fingerprint it:
// layouts/_partials/style.html), and sets the params the templates read:
// logo, logo_width and logo_height (the box the header reserves for it,
// so nothing moves when it arrives), logo_shows_name and favicon.
func writeBrand(dir string, o *org.Org, params *variantParams) error {
	static := filepath.Join(dir, "static", "org")
	if err := os.MkdirAll(static, 0o755); err != nil {
		return err
	}
	if img := o.Brand.Logo; img != nil {
		name := "logo" + img.Ext
		if err := os.WriteFile(filepath.Join(static, name), img.Data, 0o644); err != nil {
			return err
		}
		params.Logo = "org/" + name
		params.LogoHeight = LogoHeight
		params.LogoWidth = int(math.Round(LogoHeight * img.Ratio()))
		params.LogoShowsName = o.Brand.LogoShowsName
		// A square-ish logo serves as the browser tab's icon; a wordmark
		// would shrink to a smudge there, so the site's own stays.
		if r := img.Ratio(); r >= 0.8 && r <= 1.25 {
			params.Favicon = "org/" + name
		}
	}
	if img := o.Brand.Favicon; img != nil {
		name := "favicon" + img.Ext
		if err := os.WriteFile(filepath.Join(static, name), img.Data, 0o644); err != nil {
			return err
		}
		params.Favicon = "org/" + name
	}
	css := filepath.Join(dir, "assets", "css")
	if err := os.MkdirAll(css, 0o755); err != nil {
		return err
	}
	return os.WriteFile(filepath.Join(css, "brand.css"), []byte(o.Brand.CSS), 0o644)
}
