package assets

import (
	"testing"

	"github.com/example/assets/pkg/model/model"
)

func TestGet(t *testing.T) {
	all := []model.Asset{{Name: "a"}}
	if _, ok := Get(all, "a"); !ok {
		t.Fatal("Get did not find a")
	}
	if _, ok := Get(all, "z"); ok {
		t.Fatal("Get found z")
	}
}
