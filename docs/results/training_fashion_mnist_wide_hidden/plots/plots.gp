# Drawn by convneat compare; redraw in this directory with: gnuplot plots.gp (PNG), or
# gnuplot -e "svg=1" plots.gp (SVG)
if (exists("svg")) {
  set terminal svg size 960,600 dynamic noenhanced font 'DejaVu Sans,11'
  ext = '.svg'
} else {
  set terminal pngcairo size 960,600 noenhanced font 'DejaVu Sans,11'
  ext = '.png'
}
set datafile missing 'NaN'
set style boxplot nooutliers
set output 'evaluations_fashion_mnist_trained_wide_hidden'.ext
set title 'Evaluations to solve on fashion_mnist_trained_wide_hidden (box: quartiles, whiskers 1.5 IQR)'
set xtics ("wide_hidden128_dropout\n2/4 runs" 1)
set xrange [0.4:1.6]
set yrange [0:*]
set ylabel 'evaluations to solve'
unset key
set grid ytics
set bmargin 5
plot for [i=0:0] 'evaluations_fashion_mnist_trained_wide_hidden.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:0] 'evaluations_fashion_mnist_trained_wide_hidden.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'test_accuracy_fashion_mnist_trained_wide_hidden'.ext
set title 'Champion test accuracy on fashion_mnist_trained_wide_hidden (box: quartiles, whiskers 1.5 IQR)'
set xtics ("wide_hidden128_dropout\n4/4 runs" 1)
set xrange [0.4:1.6]
set autoscale y
set ylabel 'test accuracy'
unset key
set grid ytics
set bmargin 5
plot for [i=0:0] 'test_accuracy_fashion_mnist_trained_wide_hidden.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:0] 'test_accuracy_fashion_mnist_trained_wide_hidden.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'species_fashion_mnist_trained_wide_hidden'.ext
set title 'Mean species count on fashion_mnist_trained_wide_hidden (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:2] 'species_fashion_mnist_trained_wide_hidden.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
