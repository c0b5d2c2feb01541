package lessons_test

import (
	"testing"
	"time"

	"github.com/introdl/introdl/dl"
	"github.com/introdl/introdl/lessons"
)

// TestNielsenChapter1 reproduces the result of chapter 1 of Nielsen's
// "Neural Networks and Deep Learning" (2015): network.py's [784, 30, 10]
// net, sigmoid units, N(0, 1) weights and biases, quadratic cost, plain
// mini-batch SGD with η = 3.0 and batches of 10, trained for 30 epochs on
// the first 50 000 training images, classifies about 95% of the 10 000
// test images correctly: Nielsen reports "about 95 percent", 95.42% at the
// peak (epoch 28) of the best of three runs. The test asserts 94.5-96%
// after the 30th epoch.
//
// η = 3.0 is in Nielsen's units: his cost ½‖a − y‖² has a gradient five
// times dl.MSE's (see nielsenEpoch), so the rate here is 15.
//
// It trains for 30 epochs of 5000 steps: skipped with -short and in the
// -tags openblas build, run by make test.
func TestNielsenChapter1(t *testing.T) {
	t.Parallel() // overlaps with lesson 9's long tests on a second core
	if testing.Short() {
		t.Skip("trains Nielsen's net for 30 epochs; skipped with -short")
	}
	if openblasBuild {
		t.Skip("trains Nielsen's net for 30 epochs; run once, without -tags openblas")
	}
	full, test := loadMNIST(t)
	train, _ := full.Split(lessons.MNISTTrainSize)
	start := time.Now()
	net := nielsenNet(t, train, 1, 30)
	acc := dl.Accuracy(net.Predict(test.Images), test.OneHot)
	t.Logf("Nielsen's [784, 30, 10] after 30 epochs: test accuracy %.4f (%v)", acc, time.Since(start).Round(time.Second))
	if acc < 0.945 || acc > 0.96 {
		t.Errorf("test accuracy %.4f, want 94.5-96%%", acc)
	}
}
