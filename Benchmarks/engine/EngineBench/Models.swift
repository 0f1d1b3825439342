import Engine

func benchmarkMLP() {}
func benchmarkCNN() {}
func benchmarkTinyMLP() {}
