package widgets

import "github.com/example/assets/pkg/model/model"

// Create makes a widget with a label.
func Create(label string) model.Widget {
	return model.Widget{Label: label}
}
