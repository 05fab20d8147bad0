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
set output 'evaluations_xor'.ext
set title 'Evaluations to solve on xor (box: quartiles, whiskers 1.5 IQR)'
set xtics ("additive\n3/3 runs" 1, "proportional\n3/3 runs" 2, "search\n3/3 runs" 3)
set xrange [0.4:3.6]
set yrange [0:*]
set ylabel 'evaluations to solve'
unset key
set grid ytics
set bmargin 5
plot for [i=0:2] 'evaluations_xor.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:2] 'evaluations_xor.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'species_xor'.ext
set title 'Mean species count on xor (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:4] 'species_xor.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
set output 'evaluations_double_pole'.ext
set title 'Evaluations to solve on double_pole (box: quartiles, whiskers 1.5 IQR)'
set xtics ("additive\n3/3 runs" 1, "proportional\n3/3 runs" 2, "search\n3/3 runs" 3)
set xrange [0.4:3.6]
set yrange [0:*]
set ylabel 'evaluations to solve'
unset key
set grid ytics
set bmargin 5
plot for [i=0:2] 'evaluations_double_pole.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:2] 'evaluations_double_pole.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'species_double_pole'.ext
set title 'Mean species count on double_pole (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:4] 'species_double_pole.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
set output 'evaluations_double_pole_nv'.ext
set title 'Evaluations to solve on double_pole_nv (box: quartiles, whiskers 1.5 IQR)'
set xtics ("additive\n3/3 runs" 1, "proportional\n2/3 runs" 2, "search\n3/3 runs" 3)
set xrange [0.4:3.6]
set yrange [0:*]
set ylabel 'evaluations to solve'
unset key
set grid ytics
set bmargin 5
plot for [i=0:2] 'evaluations_double_pole_nv.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:2] 'evaluations_double_pole_nv.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'species_double_pole_nv'.ext
set title 'Mean species count on double_pole_nv (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:4] 'species_double_pole_nv.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
set output 'test_accuracy_digits_shared'.ext
set title 'Champion test accuracy on digits_shared (box: quartiles, whiskers 1.5 IQR)'
set xtics ("additive\n3/3 runs" 1, "proportional\n3/3 runs" 2, "search\n3/3 runs" 3)
set xrange [0.4:3.6]
set autoscale y
set ylabel 'test accuracy'
unset key
set grid ytics
set bmargin 5
plot for [i=0:2] 'test_accuracy_digits_shared.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:2] 'test_accuracy_digits_shared.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'species_digits_shared'.ext
set title 'Mean species count on digits_shared (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:4] 'species_digits_shared.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
set output 'test_accuracy_fashion_mnist_shared'.ext
set title 'Champion test accuracy on fashion_mnist_shared (box: quartiles, whiskers 1.5 IQR)'
set xtics ("additive\n3/3 runs" 1, "proportional\n3/3 runs" 2, "search\n3/3 runs" 3)
set xrange [0.4:3.6]
set autoscale y
set ylabel 'test accuracy'
unset key
set grid ytics
set bmargin 5
plot for [i=0:2] 'test_accuracy_fashion_mnist_shared.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:2] 'test_accuracy_fashion_mnist_shared.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'species_fashion_mnist_shared'.ext
set title 'Mean species count on fashion_mnist_shared (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:4] 'species_fashion_mnist_shared.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
set output 'test_accuracy_aligned_parts_shared'.ext
set title 'Champion test accuracy on aligned_parts_shared (box: quartiles, whiskers 1.5 IQR)'
set xtics ("additive\n3/3 runs" 1, "proportional\n3/3 runs" 2, "search\n3/3 runs" 3)
set xrange [0.4:3.6]
set autoscale y
set ylabel 'test accuracy'
unset key
set grid ytics
set bmargin 5
plot for [i=0:2] 'test_accuracy_aligned_parts_shared.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:2] 'test_accuracy_aligned_parts_shared.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'species_aligned_parts_shared'.ext
set title 'Mean species count on aligned_parts_shared (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:4] 'species_aligned_parts_shared.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
