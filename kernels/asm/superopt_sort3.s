# superopt::kernels: sort3 (network ships: human benchmark / find = 1.002 in p5 latency)
# made by: superopt network --n 3 --symbol superopt_sort3
# chosen by: bash scripts/find_kernels.sh 90 sort3 (superopt search --task sort3 --objective latency --profile x86 --seconds 90 --seed 1 --threads 2 --symbol superopt_sort3, then superopt bench --task sort3 found.s --seconds 20)
	.text
	.globl	superopt_sort3
	.type	superopt_sort3, @function
	.p2align 6
superopt_sort3:
	mov (%rdi), %eax
	mov 4(%rdi), %ecx
	mov 8(%rdi), %edx
	mov %eax, %esi
	cmp %edx, %eax
	cmovg %edx, %eax
	cmovg %esi, %edx
	mov %eax, %esi
	cmp %ecx, %eax
	cmovg %ecx, %eax
	cmovg %esi, %ecx
	mov %ecx, %esi
	cmp %edx, %ecx
	cmovg %edx, %ecx
	cmovg %esi, %edx
	mov %eax, (%rdi)
	mov %ecx, 4(%rdi)
	mov %edx, 8(%rdi)
	ret
	.size	superopt_sort3, .-superopt_sort3
	.section	.note.GNU-stack,"",@progbits
