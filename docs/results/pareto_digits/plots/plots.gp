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
set output 'evaluations_digits_trained'.ext
set title 'Evaluations to solve on digits_trained (box: quartiles, whiskers 1.5 IQR)'
set xtics ("fitness\n3/4 runs" 1, "pareto\n3/4 runs" 2)
set xrange [0.4:2.6]
set yrange [0:*]
set ylabel 'evaluations to solve'
unset key
set grid ytics
set bmargin 5
plot for [i=0:1] 'evaluations_digits_trained.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:1] 'evaluations_digits_trained.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'test_accuracy_digits_trained'.ext
set title 'Champion test accuracy on digits_trained (box: quartiles, whiskers 1.5 IQR)'
set xtics ("fitness\n4/4 runs" 1, "pareto\n4/4 runs" 2)
set xrange [0.4:2.6]
set autoscale y
set ylabel 'test accuracy'
unset key
set grid ytics
set bmargin 5
plot for [i=0:1] 'test_accuracy_digits_trained.dat' index i using 1:3:(0.5) with boxplot lc rgb '#2b5d8a' fillstyle transparent solid 0.3, \
     for [i=0:1] 'test_accuracy_digits_trained.dat' index i using 2:3 with points pointtype 7 pointsize 0.6 lc rgb '#c0392b'
set xtics autofreq norotate
set autoscale x
set bmargin
set output 'fronts_digits_trained'.ext
set title 'Final Pareto fronts on digits_trained (each run: the non-dominated genomes of its last generation)'
set xlabel 'parameters'
set ylabel 'fitness'
set grid
set autoscale
set format y '%.8g'
set offsets graph 0.03, graph 0.03, graph 0.05, graph 0.05
set key below
plot 'fronts_digits_trained.dat' index 0 using 1:2 with steps linewidth 1 lc 1 notitle, \
     'fronts_digits_trained.dat' index 0 using 1:2 with points pointtype 7 pointsize 0.6 lc 1 title 'pareto (4 runs)'
unset xlabel
unset grid
set key default
set format y
set offsets
set output 'species_digits_trained'.ext
set title 'Mean species count on digits_trained (runs still running; drawn while >= 1/4 of runs are)'
set xrange [0:*]
set yrange [0:*]
set xlabel 'generation'
set ylabel 'species'
set key top left
set grid
plot for [i=2:3] 'species_digits_trained.dat' using 1:i with lines linewidth 2 title columnhead(i)
unset xlabel
