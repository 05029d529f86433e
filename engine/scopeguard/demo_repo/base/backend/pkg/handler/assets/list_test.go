package assets

import (
	"testing"

	"github.com/example/assets/pkg/model/model"
)

func TestList(t *testing.T) {
	all := []model.Asset{{Name: "a", Status: "active"}, {Name: "b", Status: "deleted"}}
	if got := List(all, "active"); len(got) != 1 || got[0].Name != "a" {
		t.Fatalf("List = %v", got)
	}
}
