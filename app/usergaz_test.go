package app

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"fyne.io/fyne/v2/test"

	"eventmap/data/ingest"
	"eventmap/data/model"
	"eventmap/geo/gazetteer"
)

// Places the user imported into the user gazetteer are candidates when the
// app imports articles.
func TestUserGazetteerPlacesAreFound(t *testing.T) {
	dir := t.TempDir()
	rows := filepath.Join(dir, "zorb.txt")
	row := "99000077\tZorblatville\tZorblatville\t\t-18.9\t47.5\tP\tPPL\tMG\t\t\t\t\t\t12000\t\t\tIndian/Antananarivo\t2024-01-01\n"
	if err := os.WriteFile(rows, []byte(row), 0o644); err != nil {
		t.Fatal(err)
	}
	u, err := gazetteer.OpenUser(filepath.Join(dir, "g.db"))
	if err != nil {
		t.Fatal(err)
	}
	defer u.Close()
	if _, err := u.Import(context.Background(), []string{rows}, gazetteer.ImportOptions{}); err != nil {
		t.Fatal(err)
	}
	a := test.NewTempApp(t)
	mw, err := NewMainWindow(a, Config{UserGazetteer: u})
	if err != nil {
		t.Fatal(err)
	}
	defer mw.Window.Close()
	text := "Floods on 5 March 2024 flooded Zorblatville in Madagascar."
	res, err := mw.imports.geoparser().Parse(context.Background(), model.Article{ID: model.ContentID(text), Text: text}, ingest.Memory{})
	if err != nil {
		t.Fatal(err)
	}
	found := false
	for _, m := range res.Mentions {
		if m.Place.Name == "Zorblatville" {
			found = true
		}
	}
	if !found {
		t.Errorf("Zorblatville not found: %+v", res.Mentions)
	}
}
