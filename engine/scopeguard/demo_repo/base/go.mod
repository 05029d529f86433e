module github.com/example/assets

go 1.22
