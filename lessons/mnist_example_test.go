package lessons_test

import (
	"fmt"
	"log"

	"github.com/introdl/introdl/lessons"
)

func ExampleLoadMNIST() {
	train, test, err := lessons.LoadMNIST("") // "": the GoMNIST module's data folder
	if err != nil {
		log.Fatal(err)
	}
	r, c := train.Images.Dims()
	fmt.Printf("train: %d×%d images, test: %d\n", r, c, test.Len())
	fmt.Println("first label:", train.Labels[0], "one-hot:", train.OneHot.RawRowView(0))
	// Output:
	// train: 60000×784 images, test: 10000
	// first label: 5 one-hot: [0 0 0 0 0 1 0 0 0 0]
}
